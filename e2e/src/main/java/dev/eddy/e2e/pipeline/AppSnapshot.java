package dev.eddy.e2e.pipeline;

import dev.eddy.launcher.services.EddyService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A snapshot of the packaged services taken when a run starts: every file of {@code <module>/target/quarkus-app}
 * hard-linked (copied where links are impossible) under the run's folder, laid out like the repository so the
 * launcher's {@code EddyService.runJar} finds it. A restart in the middle of a run then starts the same build even
 * if someone rebuilds a module meanwhile (a rebuild deletes and rewrites {@code quarkus-app}, which made restarted
 * services fail with {@code NoSuchFileException} on a shared checkout).
 */
final class AppSnapshot {

    private AppSnapshot() {
    }

    /** Returns the snapshot's root, to use as the repository of the service launches. */
    static Path of(Path repository, Path snapshotRoot) {
        try {
            for (EddyService service : EddyService.values()) {
                Path app = repository.resolve(service.id()).resolve("target").resolve("quarkus-app");
                Path target = snapshotRoot.resolve(service.id()).resolve("target").resolve("quarkus-app");
                List<Path> files;
                try (Stream<Path> walk = Files.walk(app)) {
                    files = walk.filter(Files::isRegularFile).toList();
                }
                for (Path file : files) {
                    Path copy = target.resolve(app.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    try {
                        Files.createLink(copy, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, copy);
                    }
                }
            }
            return snapshotRoot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot the packaged services into " + snapshotRoot + ": "
                    + e.getMessage(), e);
        }
    }
}
