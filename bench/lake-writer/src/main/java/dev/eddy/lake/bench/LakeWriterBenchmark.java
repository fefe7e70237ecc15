package dev.eddy.lake.bench;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
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
import java.util.List;
import java.util.Map;
import java.util.Random;

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
        long bytes = produce(broker.bootstrapServers(), records);
        System.out.printf("produced %,d enriched clicks (%,d bytes of JSON, %d bytes each on average)%n", records,
                bytes, bytes / records);

        long cpuBefore = WriterUnderTest.processCpuNanos();
        Process writer = new ProcessBuilder("java", "-Xmx" + heap, "-XX:+UseParallelGC",
                "-Daws.accessKeyId=bench", "-Daws.secretAccessKey=bench-secret",
                "-cp", classPath, WriterUnderTest.class.getName(), broker.bootstrapServers(),
                "http://127.0.0.1:" + s3.getPort(), Integer.toString(records), compression)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            out.lines().filter(line -> line.startsWith("RESULT") || line.contains("ERROR") || line.contains("Exception"))
                    .forEach(line -> { System.out.println(line); System.out.flush(); });
        }
        int exit = writer.waitFor();
        System.out.printf("RESULT broker + s3proxy CPU while the writer ran: %.1f s%n",
                (WriterUnderTest.processCpuNanos() - cpuBefore) / 1e9);
        long stored;
        try (var files = Files.walk(blobs)) {
            stored = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".parquet"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("RESULT parquet bytes in the bucket: %,d (%.1f%% of the JSON)%n", stored,
                100.0 * stored / bytes);
        s3.stop();
        broker.close();
        System.exit(exit);
    }

    private static long produce(String bootstrap, int records) throws Exception {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        var serializer = EventSerdes.enrichedClick().serializer();
        Random random = new Random(42);
        String[] pages = {"/", "/home", "/products", "/products/42", "/cart", "/checkout", "/search", "/login",
                "/account", "/help"};
        String[] cities = {"London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Dublin", "Vienna"};
        String[] levels = {"Platinum", "Gold", "Silver", "Bronze"};
        long start = 1_795_255_200_000L;
        long total = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int n = 0; n < records; n++) {
                int user = random.nextInt(10_000);
                String page = pages[random.nextInt(pages.length)];
                int status = random.nextInt(20) == 0 ? 404 : 200;
                EnrichedClick click = new EnrichedClick("evt-" + n, "sess-" + user + "-" + (n / 50_000),
                        "10." + (user % 250) + "." + (user / 250 % 250) + "." + random.nextInt(250), user, "-",
                        "21/Nov/2026:10:00:00 +0000", start + n / 5, "GET " + page + " HTTP/1.1", "GET", page,
                        status, status == 200 ? "OK" : "Not Found", status >= 400, 500 + random.nextInt(5000),
                        "-", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0", false, true,
                        "user" + user, "First" + user % 100, "Last" + user % 300, cities[user % cities.length],
                        levels[user % levels.length], 1_700_000_000_000L + user * 1000L);
                byte[] value = serializer.serialize(Topics.ENRICHED, click);
                total += value.length;
                producer.send(new ProducerRecord<>(Topics.ENRICHED,
                        Integer.toString(user).getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
        return total;
    }
}
