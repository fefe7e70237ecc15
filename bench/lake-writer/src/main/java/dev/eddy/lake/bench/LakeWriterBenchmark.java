package dev.eddy.lake.bench;

import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets the stage in this JVM (an embedded broker, s3proxy on a temp folder, N enriched clicks on
 * {@value Topics#ENRICHED} over 6 partitions), then runs {@link WriterUnderTest} in a child JVM with the given heap and
 * prints its figures.
 */
public final class LakeWriterBenchmark {

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[0]);
        String heap = args[1];
        String compression = args[2];
        String classPath = args[3];

        KafkaBroker broker = KafkaBrokers.startNew();
        Path blobs = Files.createTempDirectory("eddy-bench-s3");
        S3Proxy s3 = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(blobs.toString()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret")
                .endpoint(URI.create("http://127.0.0.1:0")).build();
        s3.start();
        while (!"STARTED".equals(s3.getState())) {
            Thread.onSpinWait();
        }
        try (KafkaTestClient kafka = new KafkaTestClient(broker)) {
            kafka.createTopic(Topics.ENRICHED, 6);
            for (String topic : List.of(Topics.USER_ACTIVITY_1M, Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M,
                    Topics.SESSIONS, Topics.ERRORS_1M, Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS,
                    Topics.DEAD_LETTERS)) {
                kafka.createTopic(topic, 1);
            }
        }
        // INPUT_COMPRESSION: how the input batches are compressed (zstd by default; the enricher's producer ships
        // Kafka's default, none).
        String inputCompression = System.getenv().getOrDefault("INPUT_COMPRESSION", "zstd").trim();
        long bytes = produce(broker.bootstrapServers(), records, inputCompression);
        System.out.printf("produced %,d enriched clicks (%,d bytes of JSON, %d bytes each on average, %s batches)%n",
                records, bytes, bytes / records, inputCompression);

        long cpuBefore = WriterUnderTest.processCpuNanos();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap));
        // WRITER_JVM_OPTS adds options to the writer's JVM, e.g. a flight recording:
        // WRITER_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/writer.jfr,settings=profile"
        String extra = System.getenv().getOrDefault("WRITER_JVM_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-Daws.accessKeyId=bench", "-Daws.secretAccessKey=bench-secret",
                "-cp", classPath, WriterUnderTest.class.getName(), broker.bootstrapServers(),
                "http://127.0.0.1:" + s3.getPort(), Integer.toString(records), compression));
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            out.lines().filter(line -> line.startsWith("RESULT") || line.contains("ERROR") || line.contains("Exception"))
                    .forEach(line -> { System.out.println(line); System.out.flush(); });
        }
        int exit = writer.waitFor();
        double harnessCpu = (WriterUnderTest.processCpuNanos() - cpuBefore) / 1e9;
        System.out.printf("RESULT broker + s3proxy CPU while the writer ran: %.1f s = %.1f µs per record%n",
                harnessCpu, harnessCpu * 1e6 / records);
        long stored;
        try (var files = Files.walk(blobs)) {
            stored = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".parquet"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("RESULT parquet bytes in the bucket: %,d (%.1f%% of the JSON)%n", stored,
                100.0 * stored / bytes);
        s3.stop();
        broker.close();
        // The bucket's folder is the run's only large leftover (the broker removes its own log folder).
        try (var files = Files.walk(blobs)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        System.exit(exit);
    }

    private static long produce(String bootstrap, int records, String compression) throws Exception {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        long total = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ClickCorpus corpus = new ClickCorpus();
            for (int n = 0; n < records; n++) {
                ClickCorpus.Click click = corpus.next();
                total += click.value().length;
                producer.send(new ProducerRecord<>(Topics.ENRICHED, click.key(), click.value()));
            }
            producer.flush();
        }
        return total;
    }
}
