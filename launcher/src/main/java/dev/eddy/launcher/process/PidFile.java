package dev.eddy.launcher.process;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code .eddy/pids/<name>.pid} records about one running process: its PID, when it started (so a recycled PID
 * is not mistaken for it) and the port it serves, if any.
 */
public record PidFile(String name, long pid, long startMillis, int port) {

    public static PidFile of(String name, ProcessHandle process, int port) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new PidFile(name, process.pid(), start, port);
    }

    public static Path path(Path pidsDir, String name) {
        return pidsDir.resolve(name + ".pid");
    }

    public void write(Path pidsDir) {
        Properties properties = new Properties();
        properties.setProperty("name", name);
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("start-millis", Long.toString(startMillis));
        properties.setProperty("port", Integer.toString(port));
        Path target = path(pidsDir, name);
        try {
            Files.createDirectories(pidsDir);
            Path temp = Files.createTempFile(pidsDir, name, ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, "written by ./eddy; removed when the process stops");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Reads a pid file; empty when it is missing or unreadable (a half-written file of a crashed launcher). */
    public static Optional<PidFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(new PidFile(
                    properties.getProperty("name"),
                    Long.parseLong(properties.getProperty("pid")),
                    Long.parseLong(properties.getProperty("start-millis", "0")),
                    Integer.parseInt(properties.getProperty("port", "0"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void delete(Path pidsDir) {
        try {
            Files.deleteIfExists(path(pidsDir, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path(pidsDir, name), e);
        }
    }

    /** The live process this file describes, if it still runs (same PID and same start time). */
    public Optional<ProcessHandle> liveProcess() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> startMillis == 0 || handle.info().startInstant()
                        .map(start -> Math.abs(start.toEpochMilli() - startMillis) <= 1_000)
                        .orElse(true));
    }
}
