package dev.eddy.launcher.services;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every service launch shares: the repository, the broker, the host and ports, the local-mode folders.
 *
 * @param stateRoot folder under which each Kafka Streams service keeps its state stores
 */
public record ServiceEnvironment(Path repository, String bootstrapServers, String host,
                                 Map<EddyService, Integer> ports, Path logs, Path lake, Path stateRoot,
                                 List<String> javaOptions, Optional<Path> watchdogAgent) {

    /** The lake writer's setting for its storage root (a local folder in local mode). */
    public static final String LAKE_ROOT_PROPERTY = "eddy.lake-writer.root";

    public ServiceEnvironment {
        ports = Map.copyOf(ports);
        javaOptions = List.copyOf(javaOptions);
    }

    public int port(EddyService service) {
        return ports.get(service);
    }
}
