package dev.eddy.lake.metrics;

import dev.eddy.lake.rolling.RollReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writer's meters, all {@code eddy_lake_writer_*}, labelled by table (and roll reason or DLQ reason, both small
 * closed sets).
 */
public final class LakeMetrics {

    private static final String PREFIX = "eddy.lake.writer.";

    private final MeterRegistry registry;
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicLong openFiles = new AtomicLong();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public LakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge(PREFIX + "buffered.bytes", bufferedBytes);
        registry.gauge(PREFIX + "open.files", openFiles);
    }

    /** A file was published and its offsets committed. */
    public void fileCommitted(String table, RollReason reason, long records, long fileBytes, Duration commitLag) {
        counter("records.written", "Rows written to committed lake files", table).increment(records);
        counter("bytes.written", "Bytes of committed lake files", table).increment(fileBytes);
        counters.computeIfAbsent("files|" + table + "|" + reason.label(), key -> Counter.builder(PREFIX + "files.committed")
                .description("Lake files published with their offsets committed")
                .tag("table", table).tag("reason", reason.label()).register(registry)).increment();
        DistributionSummary.builder(PREFIX + "file.size")
                .description("Size of committed lake files").baseUnit("bytes").tag("table", table)
                .publishPercentileHistogram().minimumExpectedValue(1024.0).maximumExpectedValue(1024.0 * 1024 * 1024)
                .register(registry).record(fileBytes);
        Timer.builder(PREFIX + "commit.lag")
                .description("From the oldest record of a file (its Kafka timestamp) to the file's offset commit")
                .tag("table", table).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry).record(commitLag.isNegative() ? Duration.ZERO : commitLag);
    }

    /**
     * The counter of records taken from Kafka for {@code table}, into an open file or to the dead-letter topic, whether
     * or not committed yet: read minus written is what waits in open files.
     */
    public Counter recordsRead(String table) {
        return counter("records.read", "Records taken from Kafka into open files or the dead-letter topic", table);
    }

    public void uploadFailed(String table) {
        counter("upload.errors", "Lake files that could not be published", table).increment();
    }

    public void deadLettered(String table, String reason) {
        counters.computeIfAbsent("dlq|" + table + "|" + reason, key -> Counter.builder(PREFIX + "dead.letters")
                .description("Records sent to the dead-letter topic instead of the lake")
                .tag("table", table).tag("reason", reason).register(registry)).increment();
    }

    public void buffered(long bytes, int files) {
        bufferedBytes.set(bytes);
        openFiles.set(files);
    }

    private Counter counter(String name, String description, String table) {
        return counters.computeIfAbsent(name + "|" + table, key -> Counter.builder(PREFIX + name)
                .description(description).tag("table", table).register(registry));
    }
}
