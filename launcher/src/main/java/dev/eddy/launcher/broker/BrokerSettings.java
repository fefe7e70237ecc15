package dev.eddy.launcher.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where and how the local broker runs.
 *
 * @param classPath       the broker's class path (the launcher's {@code target/lib/*})
 * @param watchdogAgent   the parent-watchdog agent jar, when the broker should die with the launcher
 */
public record BrokerSettings(String host, int port, int controllerPort, int defaultPartitions, Path configDir,
                             Path dataDir, Path log, String classPath, Optional<Path> watchdogAgent,
                             List<String> javaOptions, int retentionHours, long retentionBytesPerPartition) {

    public BrokerSettings {
        javaOptions = List.copyOf(javaOptions);
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public Path configFile() {
        return configDir.resolve("server.properties");
    }
}
