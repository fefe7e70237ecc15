package dev.eddy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Temporary folders for test fixtures whose lifecycle JUnit's {@code @TempDir} cannot own (a shared harness, a Quarkus
 * test resource): {@link #create} one where the fixture starts and {@link #delete} it where the fixture stops, so a
 * test run leaves nothing behind in the system temp folder (RocksDB state and Parquet files add up quickly).
 */
public final class TempDirs {

    private TempDirs() {
    }

    /** A new, empty folder under {@code java.io.tmpdir} whose name starts with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder " + prefix + "*", e);
        }
    }

    /**
     * Deletes {@code root} and everything under it; a missing folder is not an error. Symbolic links are removed, never
     * followed. A file that cannot be removed fails loudly, naming it, rather than leaking silently.
     */
    public static void delete(Path root) {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // Something else (e.g. Kafka Streams' state cleaner) removed it while we walked: already gone.
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary folder " + root, e);
        }
    }
}
