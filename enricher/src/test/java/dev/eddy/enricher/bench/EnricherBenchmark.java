package dev.eddy.enricher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.enricher.TestRecords;
import dev.eddy.events.Topics;
import dev.eddy.testing.EmbeddedKafkaBroker;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.eddy.enricher.TestRecords.bytes;

/**
 * Enricher benchmark (bench/enricher/run.sh; never part of the test command). For the pass-through baseline and for
 * the enricher, each on a fresh embedded broker with the same settings:
 * <ol>
 *   <li>sustained rate: a warm-up backlog and the measured backlog behind it are preloaded, the app is started, and
 *       the rate is the number of output records of the measured backlog over the span of their log-append times
 *       (first to last output append); the same over the whole backlog, JIT warm-up included, is printed beside it.
 *       Also the enriched topic's size on the broker's disk per record, as the app's producer wrote it;</li>
 *   <li>latency: with the app caught up, clicks are produced at a fixed rate; per click, the output's log-append time
 *       minus the input's log-append time (both topics use LogAppendTime), and the time until a read_committed
 *       consumer sees it (exactly once makes output visible only at commit, every 100 ms).</li>
 * </ol>
 * Settings (system properties): bench.clicks (3000000, the measured backlog), bench.warm-up-clicks (6000000, ahead
 * of it: a sustained rate is that of a compiled app, and the JIT compiler threads of either app kept about 0.4 of a
 * core busy for its first 20 to 25 s of work, several million clicks, per-thread CPU sampled from /proc), bench.rate
 * (2000/s), bench.latency-seconds (20), bench.partitions (6), bench.rounds (2; the modes alternate; the ratio is
 * printed for the best and for the median rounds), bench.modes
 * (passthrough,enrich), bench.app-jvm-options (extra JVM options for the app, e.g. a JFR recording,
 * -Dkafka-streams.producer.compression.type=none, or -XX:-UseG1GC -XX:+UseParallelGC for the collector of the
 * services' images), bench.stream-threads (2, the service's default; both apps). Both apps run with the services'
 * collector (G1) and a fixed heap of 512 MB.
 */
public final class EnricherBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = 40;
    private static final int PRELOAD_SLICE = 50_000;
    /** Event time between the backlog's last click and the latency phase's first. */
    private static final long LATENCY_TIME_GAP_MS = 1_000_000L;

    private EnricherBenchmark() {
    }

    /**
     * @param records                   the whole backlog, warm-up included
     * @param recordsPerSecond          over the whole backlog, JIT warm-up included
     * @param appCpuMicrosPerRecord     CPU time of the app's JVM (all its threads) while it drained the whole backlog,
     *                                  per record: steadier than the rate when other work shares the machine
     * @param harnessCpuMicrosPerRecord the same for this JVM (the broker and the draining consumer), measured backlog
     * @param steadyRecordsPerSecond    the measured backlog's rate: output records over the span of their append times
     *                                  from the warm-up's end
     * @param steadyAppCpuMicros        the app's CPU per record of the measured backlog
     * @param outputBytesPerRecord      the output topic's size on the broker's disk (log segments, batch overhead and
     *                                  compression included) per record
     */
    record Result(String mode, int records, double recordsPerSecond, double drainSeconds, int latencyRecords,
                  long appendP50, long appendP99, long visibleP50, long visibleP99, double appCpuMicrosPerRecord,
                  double harnessCpuMicrosPerRecord, double steadyRecordsPerSecond, double steadyAppCpuMicros,
                  double outputBytesPerRecord) {
    }

    public static void main(String[] args) throws Exception {
        // The in-process broker must not spend the machine on TRACE-level log formatting (see BenchStreamsApp).
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        int clicks = Integer.getInteger("bench.clicks", 3_000_000);
        int warmUpClicks = Integer.getInteger("bench.warm-up-clicks", 6_000_000);
        int rate = Integer.getInteger("bench.rate", 2_000);
        int latencySeconds = Integer.getInteger("bench.latency-seconds", 20);
        int partitions = Integer.getInteger("bench.partitions", 6);
        int rounds = Integer.getInteger("bench.rounds", 2);
        String[] modes = System.getProperty("bench.modes", "passthrough,enrich").split(",");
        // Modes alternate round by round, so that a change in what else the machine is doing hits both alike.
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String mode : modes) {
                results.add(run(mode.strip(), warmUpClicks, clicks, rate, latencySeconds, partitions));
            }
        }
        System.out.println();
        System.out.printf("| app | sustained records/s (last %,d) | whole backlog, warm-up included"
                + " | backlog drained in | app CPU per record (sustained / whole) | broker+harness CPU per record"
                + " | output on disk per record | latency sample | append→append p50 / p99"
                + " | append→visible (read_committed) p50 / p99 |%n", clicks);
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %s | %,.0f | %,.0f | %.1f s (%,d records) | %.1f / %.1f µs | %.1f µs | %.0f B"
                            + " | %,d at %d/s | %d ms / %d ms | %d ms / %d ms |%n",
                    r.mode(), r.steadyRecordsPerSecond(), r.recordsPerSecond(), r.drainSeconds(), r.records(),
                    r.steadyAppCpuMicros(), r.appCpuMicrosPerRecord(), r.harnessCpuMicrosPerRecord(),
                    r.outputBytesPerRecord(), r.latencyRecords(), rate, r.appendP50(), r.appendP99(), r.visibleP50(),
                    r.visibleP99());
        }
        double passThrough = best(results, "passthrough", Result::recordsPerSecond);
        double enrich = best(results, "enrich", Result::recordsPerSecond);
        double steadyPassThrough = best(results, "passthrough", Result::steadyRecordsPerSecond);
        double steadyEnrich = best(results, "enrich", Result::steadyRecordsPerSecond);
        if (passThrough > 0 && enrich > 0) {
            System.out.printf("%nbest of %d, sustained: enricher %,.0f/s, pass-through %,.0f/s: enricher /"
                    + " pass-through = %.0f%% (target >= 60%%)%n", rounds, steadyEnrich, steadyPassThrough,
                    steadyEnrich / steadyPassThrough * 100);
            System.out.printf("best of %d, whole backlog, warm-up included: enricher %,.0f/s, pass-through %,.0f/s:"
                    + " enricher / pass-through = %.0f%%%n", rounds, enrich, passThrough, enrich / passThrough * 100);
            double medianPassThrough = median(results, "passthrough", Result::steadyRecordsPerSecond);
            double medianEnrich = median(results, "enrich", Result::steadyRecordsPerSecond);
            System.out.printf("median of %d, sustained: enricher %,.0f/s, pass-through %,.0f/s: enricher /"
                    + " pass-through = %.0f%%%n", rounds, medianEnrich, medianPassThrough,
                    medianEnrich / medianPassThrough * 100);
        }
    }

    /**
     * The best sustained rate of a mode: the run least disturbed by the rest of the machine and by the order in which
     * the JIT compiled the app's hot loop (docs/benchmarks.md, "where the spread comes from").
     */
    private static double best(List<Result> results, String mode,
                               java.util.function.ToDoubleFunction<Result> rate) {
        return results.stream().filter(r -> r.mode().equals(mode)).mapToDouble(rate).max().orElse(0);
    }

    /** The median rate of a mode: what a typical start of the app gets, printed beside the best. */
    private static double median(List<Result> results, String mode,
                                 java.util.function.ToDoubleFunction<Result> rate) {
        double[] rates = results.stream().filter(r -> r.mode().equals(mode)).mapToDouble(rate).sorted().toArray();
        if (rates.length == 0) {
            return 0;
        }
        int middle = rates.length / 2;
        return rates.length % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
    }

    /**
     * @param warmUp   clicks the app drains before the measured ones (see the class comment)
     * @param measured clicks of the sustained rate
     */
    static Result run(String mode, int warmUp, int measured, int rate, int latencySeconds, int partitions)
            throws Exception {
        int clicks = warmUp + measured;
        System.out.printf("== %s: broker starting%n", mode);
        Path stateDir = Files.createTempDirectory("eddy-bench-" + mode);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             KafkaTestClient kafka = new KafkaTestClient(broker)) {
            Map<String, String> logAppendTime = Map.of("message.timestamp.type", "LogAppendTime");
            kafka.createTopic(Topics.CLICKS, partitions, logAppendTime);
            kafka.createTopic(Topics.USERS, partitions);
            kafka.createTopic(Topics.STATUS_CODES, 1);
            kafka.createTopic(Topics.ENRICHED, partitions, logAppendTime);
            kafka.createTopic(Topics.DEAD_LETTERS, 1);
            // Click i of the backlog happens at t0 + i ms, the latency phase's after them (see measureLatency): all in
            // the past, as the enricher refuses event times more than ClickLimits' future skew ahead of the clock.
            long eventTimeSpan = clicks + LATENCY_TIME_GAP_MS + (long) rate * latencySeconds;
            long t0 = Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli() - eventTimeSpan;
            List<ProducerRecord<byte[], byte[]>> reference = new ArrayList<>();
            reference.add(new ProducerRecord<>(Topics.STATUS_CODES, bytes("200"),
                    bytes(TestRecords.statusCode(200, "Successful"))));
            for (int id = 1; id <= USERS; id++) {
                reference.add(new ProducerRecord<>(Topics.USERS, null, t0 - 60_000, bytes(Integer.toString(id)),
                        bytes(TestRecords.user(id, "user" + id, "London", "Gold"))));
            }
            kafka.produceBytes(reference);

            // 1. Backlog, then the app: sustained rate.
            // In slices: a million clicks held at once would crowd the broker out of this JVM's heap.
            for (int from = 0; from < clicks; from += PRELOAD_SLICE) {
                List<ProducerRecord<byte[], byte[]>> slice = new ArrayList<>(PRELOAD_SLICE);
                for (int i = from; i < Math.min(clicks, from + PRELOAD_SLICE); i++) {
                    slice.add(clickRecord(i, t0 + i));
                }
                kafka.produceBytes(slice);
            }
            System.out.printf("== %s: %,d clicks preloaded; starting the app%n", mode, clicks);
            Process app = startApp(mode, broker.bootstrapServers(), stateDir);
            try {
                long started = System.nanoTime();
                long appCpuBefore = cpuNanos(app.toHandle());
                long[] cpuAtWarmUp = new long[2];
                long[] appendTimes = drain(broker.bootstrapServers(), clicks, warmUp, () -> {
                    cpuAtWarmUp[0] = cpuNanos(app.toHandle());
                    cpuAtWarmUp[1] = cpuNanos(ProcessHandle.current());
                });
                long appCpuAfter = cpuNanos(app.toHandle());
                double appCpuPerRecord = (appCpuAfter - appCpuBefore) / 1e3 / clicks;
                double steadyAppCpu = (appCpuAfter - cpuAtWarmUp[0]) / 1e3 / measured;
                double harnessCpuPerRecord = (cpuNanos(ProcessHandle.current()) - cpuAtWarmUp[1]) / 1e3 / measured;
                double drainSeconds = (System.nanoTime() - started) / 1e9;
                Arrays.sort(appendTimes);
                double perSecond = (clicks - 1) / ((appendTimes[clicks - 1] - appendTimes[0]) / 1000.0);
                double steadyPerSecond = (clicks - 1 - warmUp)
                        / ((appendTimes[clicks - 1] - appendTimes[warmUp]) / 1000.0);
                double outputBytesPerRecord = (double) kafka.bytesOnDisk(Topics.ENRICHED) / clicks;
                System.out.printf("== %s: %,.0f records/s sustained (%,.0f over the whole backlog), app CPU"
                        + " %.1f µs/record (%.1f over the whole backlog), output %.0f B/record on disk%n", mode,
                        steadyPerSecond, perSecond, steadyAppCpu, appCpuPerRecord, outputBytesPerRecord);

                // 2. Fixed rate, caught up: latency.
                long[][] latencies = measureLatency(broker.bootstrapServers(), clicks, rate, latencySeconds, t0);
                return new Result(mode, clicks, perSecond, drainSeconds, latencies[0].length,
                        percentile(latencies[0], 50), percentile(latencies[0], 99),
                        percentile(latencies[1], 50), percentile(latencies[1], 99), appCpuPerRecord,
                        harnessCpuPerRecord, steadyPerSecond, steadyAppCpu, outputBytesPerRecord);
            } finally {
                app.getOutputStream().close();
                if (!app.waitFor(60, TimeUnit.SECONDS)) {
                    app.destroyForcibly().waitFor();
                }
            }
        } finally {
            try (var paths = Files.walk(stateDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** CPU time a process has used so far, all threads (Linux: /proc via ProcessHandle). */
    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not report process CPU time"))
                .toNanos();
    }

    private static ProducerRecord<byte[], byte[]> clickRecord(int sequence, long eventTime) {
        int userId = sequence % (USERS + 2) - 1;    // mostly known users, some anonymous, some unknown
        return new ProducerRecord<>(Topics.CLICKS, bytes(Integer.toString(userId)),
                bytes(TestRecords.click("b-" + sequence, userId, eventTime)));
    }

    private static Process startApp(String mode, String bootstrap, Path stateDir) throws IOException {
        // The collector the services run with (the Helm chart, ./eddy up). A fixed heap: left to grow and
        // shrink, G1 once shrank the enricher's to 274 MB under this load and then spent 5 s of its 60 in pauses and
        // mixed collections (117 of them, against 1-24 in the other runs).
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseG1GC", "-Xms512m", "-Xmx512m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        String extraOptions = System.getProperty("bench.app-jvm-options", "").strip();
        if (!extraOptions.isEmpty()) {
            command.addAll(List.of(extraOptions.split("\\s+")));
        }
        // Both apps get the same number of stream threads: the service's default, one per core here.
        String streamThreads = Integer.toString(Integer.getInteger("bench.stream-threads", 2));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchStreamsApp.class.getName(), mode,
                bootstrap, stateDir.toString(), streamThreads));
        Process app = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException(mode + " app exited before RUNNING");
            }
            if (line.contains("RUNNING")) {
                return app;
            }
        }
    }

    /**
     * Reads {@code count} committed output records and returns their log-append times; runs {@code atWarmUp} once
     * {@code warmUp} of them have been seen.
     */
    private static long[] drain(String bootstrap, int count, int warmUp, Runnable atWarmUp) {
        long[] appendTimes = new long[count];
        int seen = 0;
        boolean warm = false;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (seen < count) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("only " + seen + " of " + count + " records within 15 min");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (seen < count) {
                        appendTimes[seen] = record.timestamp();
                    }
                    seen++;
                }
                if (!warm && seen >= warmUp) {
                    warm = true;
                    atWarmUp.run();
                }
            }
        }
        return appendTimes;
    }

    /**
     * Produces at {@code rate} for {@code seconds}; returns per record [append→append, append→visible] in ms.
     * Records are matched by their unique {@code _time}.
     */
    private static long[][] measureLatency(String bootstrap, int offsetBase, int rate, int seconds, long t0)
            throws Exception {
        int total = rate * seconds;
        long timeBase = t0 + offsetBase + LATENCY_TIME_GAP_MS;
        Map<Long, Long> inputAppend = new ConcurrentHashMap<>();
        Map<Long, long[]> output = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap);
             KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            int sent = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(seconds + 120L));
            while (output.size() < total) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("latency phase: " + output.size() + " of " + total + " seen");
                }
                // Send whatever is due by now (pacing, not synchronisation), then poll briefly.
                long due = Math.min(total, (System.nanoTime() - start) / interval + 1);
                for (; sent < due; sent++) {
                    long eventTime = timeBase + sent;
                    ProducerRecord<byte[], byte[]> record = clickRecord(offsetBase + sent, eventTime);
                    producer.send(record, (metadata, error) -> {
                        if (error == null) {
                            inputAppend.put(eventTime, metadata.timestamp());
                        }
                    });
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    long seenAt = System.currentTimeMillis();
                    output.put(JSON.readTree(record.value()).get("_time").asLong(),
                            new long[] {record.timestamp(), seenAt});
                }
                if (sent < total) {
                    LockSupport.parkNanos(Math.max(0, start + sent * interval - System.nanoTime()));
                }
            }
            producer.flush();
        }
        long[] appendToAppend = new long[total];
        long[] appendToVisible = new long[total];
        int i = 0;
        for (Map.Entry<Long, long[]> entry : output.entrySet()) {
            Long in = inputAppend.get(entry.getKey());
            if (in == null) {
                continue;
            }
            appendToAppend[i] = entry.getValue()[0] - in;
            appendToVisible[i] = entry.getValue()[1] - in;
            i++;
        }
        return new long[][] {Arrays.copyOf(appendToAppend, i), Arrays.copyOf(appendToVisible, i)};
    }

    private static long percentile(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        return consumer.partitionsFor(Topics.ENRICHED).stream()
                .map(info -> new TopicPartition(Topics.ENRICHED, info.partition())).toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
