package dev.eddy.lake.bench;

import dev.eddy.events.Topics;
import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.metrics.LakeMetrics;
import dev.eddy.lake.storage.LakeRoot;
import dev.eddy.lake.storage.LakeStorage;
import dev.eddy.lake.storage.LakeStorages;
import dev.eddy.lake.table.TableRegistry;
import dev.eddy.lake.writer.LakeWriter;
import dev.eddy.lake.writer.PublishObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lake writer as the service runs it (default S3 client with the default credentials chain, pointed at
 * s3proxy), timed from start until its group has committed every offset of {@value Topics#ENRICHED}. Samples its
 * own heap every 50 ms.
 */
public final class WriterUnderTest {

    /**
     * The quiet time after which a partition's open file is written. The last file of every partition closes this
     * way once the input is exhausted, so the run's end includes one such wait; the result is also given without it.
     */
    private static final Duration IDLE_FLUSH = Duration.ofSeconds(1);

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        URI endpoint = URI.create(args[1]);
        long records = Long.parseLong(args[2]);
        String compression = args[3];
        // Outside Quarkus nothing sets log levels, and parquet-java's record consumer logs every value at DEBUG.
        org.jboss.logmanager.LogContext.getSystemLogContext().getLogger("")
                .setLevel(java.util.logging.Level.INFO);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        String group = "bench-" + System.nanoTime();
        java.nio.file.Path spool = Files.createTempDirectory("eddy-bench-spool");
        WriterSettings settings = new WriterSettings(new LakeRoot.S3Location("eddy-lake", "bench"), group,
                WriterSettings.codec(compression),
                new WriterSettings.RollLimits(250_000, 256L << 20, Duration.ofMinutes(15)), IDLE_FLUSH,
                128L << 20, 16L << 20, spool, Duration.ofMillis(200),
                new WriterSettings.S3Settings(Optional.of(endpoint), "us-east-1", true, 16L << 20, 8L << 20),
                Map.of("bootstrap.servers", bootstrap), Runtime.getRuntime().availableProcessors());
        LakeStorage storage = LakeStorages.open(settings);
        try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            s3.createBucket(create -> create.bucket("eddy-lake"));
        }

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LakeWriter writer = new LakeWriter(settings, new TableRegistry(), storage, new LakeMetrics(meters),
                PublishObserver.NONE);
        long started = System.nanoTime();
        long cpuBefore = processCpuNanos();
        SteadyState steady = new SteadyState(meters, records);
        steady.start();
        Thread thread = new Thread(writer, "lake-writer");
        thread.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                latest.put(new TopicPartition(Topics.ENRICHED, p), OffsetSpec.latest());
            }
            long end = admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(info -> info.offset()).sum();
            // Polls the committed offsets (every 100 ms: the poll interval, not a synchronisation guess) and gives up
            // when they stop moving for two minutes, so a stalled writer fails the run instead of hanging it.
            long lastDone = -1;
            long lastProgress = System.nanoTime();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                long done = committed.entrySet().stream()
                        .filter(entry -> entry.getKey().topic().equals(Topics.ENRICHED))
                        .mapToLong(entry -> entry.getValue().offset()).sum();
                if (done >= end) {
                    break;
                }
                if (done != lastDone) {
                    lastDone = done;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > java.util.concurrent.TimeUnit.MINUTES.toNanos(2)) {
                    throw new IllegalStateException("the writer committed nothing for 2 minutes (" + done + " of "
                            + end + " records); see its log above");
                }
                Thread.sleep(100);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        steady.interrupt();
        Map<String, Double> cpuByThreads = ThreadCpu.byGroup();
        writer.stop();
        thread.join();
        storage.close();
        try (var leftovers = Files.walk(spool)) {
            leftovers.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        double written = meters.get("eddy.lake.writer.records.written").counter().count();
        System.out.printf("RESULT records written: %,.0f of %,d in %.2f s = %,.0f records/s (%s, %d files)%n",
                written, records, seconds, written / seconds, compression,
                (long) meters.get("eddy.lake.writer.file.size").summary().count());
        System.out.printf("RESULT without the final idle-flush wait (%d ms): %,.0f records/s%n",
                IDLE_FLUSH.toMillis(), written / (seconds - IDLE_FLUSH.toMillis() / 1e3));
        StringBuilder reasons = new StringBuilder();
        meters.find("eddy.lake.writer.files.committed").counters().forEach(counter -> reasons.append(' ')
                .append(counter.getId().getTag("reason")).append('=').append((long) counter.count()));
        System.out.println("RESULT files by roll reason:" + reasons);
        System.out.printf("RESULT writer CPU: %.1f s = %.1f µs per record = %,.0f records per writer CPU-second%n",
                cpuSeconds, cpuSeconds * 1e6 / written, written / cpuSeconds);
        System.out.printf("RESULT peak heap used: %,d MiB of -Xmx %,d MiB%n", peakHeap.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("RESULT " + steady.describe());
        StringBuilder groups = new StringBuilder();
        cpuByThreads.forEach((role, threadSeconds) -> groups.append(String.format(" %s %.2f µs,", role,
                threadSeconds * 1e6 / written)));
        System.out.println("RESULT writer CPU per record by thread (whole JVM life, start-up included):"
                + groups.substring(0, Math.max(0, groups.length() - 1)));
    }
}
