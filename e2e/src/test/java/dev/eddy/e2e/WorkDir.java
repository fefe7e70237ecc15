package dev.eddy.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A run's folder, emptied at the start of the run (not at its end, so a failed run's logs stay to read). */
final class WorkDir {

    private WorkDir() {
    }

    static Path fresh(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute)) {
            try (Stream<Path> files = Files.walk(absolute)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(absolute);
    }
}
