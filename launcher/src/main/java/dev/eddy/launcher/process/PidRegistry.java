package dev.eddy.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pid files under {@code .eddy/pids}: what a running launcher started, so that {@code ./eddy down} and
 * {@code ./eddy status} find it from another terminal, and so that the next {@code ./eddy up} can stop processes a
 * hard-killed launcher left behind.
 */
public final class PidRegistry {

    public static final String LAUNCHER = "launcher";

    private final Path dir;

    public PidRegistry(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public void record(PidFile file) {
        file.write(dir);
    }

    public void forget(String name) {
        try {
            Files.deleteIfExists(PidFile.path(dir, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the pid file of " + name, e);
        }
    }

    public Optional<PidFile> find(String name) {
        return PidFile.read(PidFile.path(dir, name));
    }

    /** Every recorded process, launcher first, then by name. */
    public List<PidFile> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pid"))
                    .map(PidFile::read)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing((PidFile file) -> !LAUNCHER.equals(file.name()))
                            .thenComparing(PidFile::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The launcher that owns this folder, when one runs. */
    public Optional<PidFile> runningLauncher() {
        return find(LAUNCHER).filter(file -> file.liveProcess().isPresent());
    }

    /**
     * Stops every recorded process except the launcher (SIGTERM, then SIGKILL after {@code grace}) and removes the
     * pid files of processes that are gone. Returns the names of the processes it had to stop.
     */
    public List<String> stopLeftovers(Duration grace) {
        List<String> stopped = new ArrayList<>();
        for (PidFile file : all()) {
            if (LAUNCHER.equals(file.name())) {
                if (file.liveProcess().isEmpty()) {
                    forget(LAUNCHER);
                }
                continue;
            }
            Optional<ProcessHandle> live = file.liveProcess();
            if (live.isPresent()) {
                ProcessStopper.stop(live.get(), grace);
                stopped.add(file.name() + " (pid " + file.pid() + ")");
            }
            forget(file.name());
        }
        return stopped;
    }
}
