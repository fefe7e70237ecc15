package dev.eddy.lake.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * This process's own folder for files being assembled, {@code <spool>/<instance>/}, held with a file lock so that
 * several writers may share a spool folder. At start, folders whose lock is free belong to writers that died and are
 * removed: their half-assembled files are rebuilt from the committed offsets anyway.
 */
final class SpoolDirectory implements AutoCloseable {

    private static final String LOCK = ".lock";

    private final Path folder;
    private final FileChannel lockChannel;
    private final FileLock lock;

    SpoolDirectory(Path spool) {
        try {
            Files.createDirectories(spool);
            removeAbandoned(spool);
            this.folder = Files.createDirectories(spool.resolve(UUID.randomUUID().toString()));
            this.lockChannel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            this.lock = lockChannel.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use spool folder " + spool, e);
        }
    }

    Path folder() {
        return folder;
    }

    private static void removeAbandoned(Path spool) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(spool, Files::isDirectory)) {
            for (Path child : children) {
                Path lockFile = child.resolve(LOCK);
                if (!Files.exists(lockFile)) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                     FileLock free = channel.tryLock()) {
                    if (free != null) {
                        deleteTree(child);
                    }
                } catch (OverlappingFileLockException e) {
                    // Held by another writer in this JVM (tests): alive.
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
            deleteTree(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove spool folder " + folder, e);
        }
    }
}
