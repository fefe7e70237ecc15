package dev.eddy.launcher.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Eddy services local mode knows how to run: module folder, default HTTP port, and how they use Kafka. */
public enum EddyService {
    GENERATOR("generator", 8081, false),
    ENRICHER("enricher", 8082, true),
    AGGREGATOR("aggregator", 8083, true),
    LAKE_WRITER("lake-writer", 8084, false);

    private final String id;
    private final int defaultPort;
    private final boolean kafkaStreams;

    EddyService(String id, int defaultPort, boolean kafkaStreams) {
        this.id = id;
        this.defaultPort = defaultPort;
        this.kafkaStreams = kafkaStreams;
    }

    /** The module folder, log name and pid-file name. */
    public String id() {
        return id;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean kafkaStreams() {
        return kafkaStreams;
    }

    public String portFlag() {
        return "--" + id + "-port";
    }

    public String portVariable() {
        return "EDDY_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    /** The Quarkus fast-jar that {@code ./mvnw package} builds; a service "exists" for the launcher when it does. */
    public Path runJar(Path repository) {
        return repository.resolve(id).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public boolean isBuilt(Path repository) {
        return Files.isRegularFile(runJar(repository));
    }

    /** A module with sources can be built; a placeholder module (a pom only) cannot, and is skipped. */
    public boolean hasSources(Path repository) {
        return Files.isDirectory(repository.resolve(id).resolve("src").resolve("main"));
    }

    public static Optional<EddyService> byId(String id) {
        return Arrays.stream(values()).filter(service -> service.id.equals(id)).findFirst();
    }
}
