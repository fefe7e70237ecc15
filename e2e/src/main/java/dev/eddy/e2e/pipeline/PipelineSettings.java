package dev.eddy.e2e.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pipeline run: where it lives, how big the generator's seeded run is, and the time settings the four services
 * must agree on for their answers to equal the ground truth.
 *
 * <p>Why these time settings: the generator publishes truth computed over <em>every</em> click it emitted, so the
 * aggregator must drop none as late. In a fast (as-fast-as-possible) run the clicks reach the aggregator's
 * repartitioned windows minutes of event time out of order (tasks feeding a repartition topic run at their own
 * pace, see docs/aggregator.md "Backfills"), so every grace is far longer than the run's whole event-time span.
 * The session gap is short so that sessions end inside a run of a few simulated minutes.
 *
 * @param repository    the checkout, whose modules hold the packaged services
 * @param workDir       broker data, logs, state stores and the lake of this run (a fresh folder)
 * @param maxEvents     clicks of the bounded generator run
 * @param rate          clicks per simulated second (density of the simulated traffic)
 * @param realTime      generator pacing: real time (rate on the wire) or as fast as possible
 */
public record PipelineSettings(Path repository, Path workDir, int partitions, long seed, Instant startTime,
                               long maxEvents, int rate, boolean realTime, int initialUsers, Duration sessionGap,
                               Duration maxLateness, Duration grace, List<String> serviceJavaOptions,
                               Map<String, String> extraLakeWriterProperties) {

    public PipelineSettings {
        serviceJavaOptions = List.copyOf(serviceJavaOptions);
        extraLakeWriterProperties = Map.copyOf(extraLakeWriterProperties);
    }

    /**
     * A benchmark: real-time pacing from now on, unbounded, the services' own window settings (defaults), files
     * rolled every {@code rollSpan} of event time so the lake's latency is that span plus the commit.
     */
    public static PipelineSettings benchmark(Path repository, Path workDir, int rate, Duration rollSpan) {
        return new PipelineSettings(repository, workDir, 6, 1L, null, 0, rate, true, 1000, null, null, null,
                // G1: the collector the services run with everywhere (the Helm chart's gcOptions, ./eddy up).
                List.of("-Xms128m", "-Xmx768m", "-XX:+UseG1GC"),
                Map.of("eddy.lake-writer.roll.max-span", seconds(rollSpan)));
    }

    /** A small, fast, seeded run: a few thousand clicks over a few simulated minutes. */
    public static PipelineSettings small(Path repository, Path workDir) {
        return new PipelineSettings(repository, workDir, 6, 20261121L, Instant.parse("2026-01-01T00:00:00Z"),
                3000, 15, false, 60, Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMinutes(30),
                List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto"), Map.of());
    }

    public PipelineSettings withRun(long maxEvents, int rate, boolean realTime) {
        return new PipelineSettings(repository, workDir, partitions, seed, startTime, maxEvents, rate, realTime,
                initialUsers, sessionGap, maxLateness, grace, serviceJavaOptions, extraLakeWriterProperties);
    }

    public PipelineSettings withJavaOptions(List<String> options) {
        return new PipelineSettings(repository, workDir, partitions, seed, startTime, maxEvents, rate, realTime,
                initialUsers, sessionGap, maxLateness, grace, options, extraLakeWriterProperties);
    }

    /** The repository root: the folder holding both {@code launcher/} and {@code generator/}. */
    public static Path findRepository(Path from) {
        for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("launcher")) && Files.isDirectory(dir.resolve("generator"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Eddy repository (a folder with launcher/ and generator/)"
                + " above " + from.toAbsolutePath());
    }

    public Path lake() {
        return workDir.resolve("lake");
    }

    public Path logs() {
        return workDir.resolve("logs");
    }

    Map<String, String> generatorProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("eddy.generator.seed", Long.toString(seed));
        if (startTime != null) {
            p.put("eddy.generator.start-time", startTime.toString());
        }
        if (maxEvents > 0) {
            p.put("eddy.generator.max-events", Long.toString(maxEvents));
        }
        p.put("eddy.generator.rate", Integer.toString(rate));
        p.put("eddy.generator.pacing", realTime ? "real-time" : "as-fast-as-possible");
        p.put("eddy.generator.users.initial", Integer.toString(initialUsers));
        if (sessionGap != null) {
            p.put("eddy.generator.session-gap", seconds(sessionGap));
            // Think times well below the gap, so one visit stays one session (the generator enforces max < gap).
            p.put("eddy.generator.think-time.mean", seconds(sessionGap.dividedBy(8)));
            p.put("eddy.generator.think-time.max", seconds(sessionGap.dividedBy(2)));
        }
        if (maxLateness != null) {
            p.put("eddy.generator.max-lateness", seconds(maxLateness));
            p.put("eddy.generator.out-of-order-max-delay", seconds(maxLateness.dividedBy(5)));
        }
        return p;
    }

    Map<String, String> aggregatorProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        // One instance: a standby copy on the same instance is impossible and only costs a changelog reader.
        p.put("eddy.aggregator.standby-replicas", "0");
        if (grace == null) {
            return p;
        }
        String g = seconds(grace);
        p.put("eddy.aggregator.user-activity.grace", g);
        p.put("eddy.aggregator.page-views.tumbling.grace", g);
        p.put("eddy.aggregator.page-views.hopping.grace", g);
        p.put("eddy.aggregator.sessions.grace", g);
        p.put("eddy.aggregator.sessions.inactivity-gap", seconds(sessionGap));
        p.put("eddy.aggregator.errors.grace", g);
        p.put("eddy.aggregator.segments.grace", g);
        return p;
    }

    Map<String, String> lakeWriterProperties() {
        Map<String, String> p = new LinkedHashMap<>(extraLakeWriterProperties);
        // Small runs go quiet quickly: publish open files after a second of silence, check often.
        p.put("eddy.lake-writer.idle-flush", "1s");
        p.put("eddy.lake-writer.poll-timeout", "200ms");
        p.put("eddy.lake-writer.worker-threads", "1");
        return p;
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
