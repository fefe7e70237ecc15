package dev.eddy.launcher.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts children in a session of their own (via {@code setsid}, util-linux) so that Ctrl-C in the terminal reaches
 * only the launcher. The launcher then stops them in order: services first while the broker still serves their final
 * commits, the broker last. Were they in the terminal's process group, every child would get SIGINT at the same
 * moment and a Kafka Streams app could wait a minute for a broker that is already shutting down.
 *
 * <p>Without {@code setsid} (macOS) children stay in the terminal's group: everything still stops, less orderly.
 * {@code setsid} never forks here because a freshly started child is not a process group leader, so the PID Java
 * reports is the PID of the JVM.
 */
public final class ProcessSession {

    private static final Optional<Path> SETSID = find("setsid");

    private ProcessSession() {
    }

    public static List<String> prefix() {
        return SETSID.map(path -> List.of(path.toString())).orElse(List.of());
    }

    public static boolean detaches() {
        return SETSID.isPresent();
    }

    private static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
