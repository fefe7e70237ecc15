package dev.eddy.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where local mode keeps everything it makes: {@code .eddy/} at the repository root unless {@code EDDY_HOME} says
 * otherwise. Kept between runs, so {@code ./eddy up} resumes on the same data; deleting the folder starts afresh.
 *
 * <pre>
 * .eddy/kafka/server.properties   broker settings, rewritten at every start
 * .eddy/kafka/data/               the broker's log and metadata (formatted on the first run only)
 * .eddy/logs/&lt;name&gt;.log          one log per process: kafka, generator, enricher, ..., launcher
 * .eddy/lake/                     the lake writer's Parquet files
 * .eddy/state/&lt;service&gt;/         Kafka Streams state stores
 * .eddy/pids/&lt;name&gt;.pid          what runs now, so down/status and the next up can find it
 * </pre>
 */
public record EddyHome(Path repository, Path root) {

    public EddyHome {
        repository = repository.toAbsolutePath().normalize();
        root = root.toAbsolutePath().normalize();
    }

    public static EddyHome of(Path repository, Path root) {
        return new EddyHome(repository, root);
    }

    public Path kafkaDir() {
        return root.resolve("kafka");
    }

    public Path kafkaData() {
        return kafkaDir().resolve("data");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    public Path lake() {
        return root.resolve("lake");
    }

    public Path state(String service) {
        return root.resolve("state").resolve(service);
    }

    public Path pids() {
        return root.resolve("pids");
    }

    /** Where the launcher's own jars and the broker's class path live after the build. */
    public Path launcherTarget() {
        return repository.resolve("launcher").resolve("target");
    }

    public Path brokerClassPath() {
        return launcherTarget().resolve("lib");
    }

    public Path watchdogJar() {
        return launcherTarget().resolve("eddy-launcher-watchdog.jar");
    }

    /** Creates the folders that every command writes to. */
    public EddyHome createDirectories() {
        try {
            Files.createDirectories(logs());
            Files.createDirectories(pids());
            Files.createDirectories(kafkaData());
            Files.createDirectories(lake());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root + ": " + e.getMessage(), e);
        }
    }
}
