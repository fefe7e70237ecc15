package dev.eddy.lake.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Points the application at a new, empty lake folder, so each test run starts from nothing. */
public class TempLakeResource implements QuarkusTestResourceLifecycleManager {

    public static volatile Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("eddy-lake-app-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("eddy.lake-writer.root", root.toString());
    }

    @Override
    public void stop() {
        // Left for inspection after a failure; it lives under the system temp folder.
    }
}
