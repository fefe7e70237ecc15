package dev.eddy.launcher.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds services with the repository's Maven wrapper, so no Maven install is needed: only modules that have sources,
 * with their in-repository dependencies ({@code -am}), tests skipped (they are the job of {@code ./mvnw verify}).
 */
public final class ServiceBuild {

    private ServiceBuild() {
    }

    /** The services {@code ./eddy up} should build: all with sources when forced, else those not built yet. */
    public static List<EddyService> toBuild(Path repository, List<EddyService> wanted, boolean always) {
        return wanted.stream()
                .filter(service -> service.hasSources(repository))
                .filter(service -> always || !service.isBuilt(repository))
                .toList();
    }

    public static List<String> command(Path repository, List<EddyService> services) {
        List<String> command = new ArrayList<>();
        command.add(repository.resolve("mvnw").toString());
        // --fail-at-end: one service that does not compile must not keep the others from being built and started.
        command.addAll(List.of("-q", "-B", "--fail-at-end", "package", "-DskipTests", "-am", "-pl",
                services.stream().map(EddyService::id).collect(Collectors.joining(","))));
        return command;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already stopping: the hook runs and stops Maven, as intended.
        }
    }

    /** Runs the build with its output on this terminal; returns Maven's exit code. */
    public static int run(Path repository, List<EddyService> services) {
        try {
            Process maven = new ProcessBuilder(command(repository, services))
                    .directory(repository.toFile())
                    .inheritIO()
                    .start();
            // ./eddy down during the build stops the launcher with SIGTERM, which Maven does not see: stop it too.
            Thread stopMaven = new Thread(maven::destroy, "eddy-stop-build");
            Runtime.getRuntime().addShutdownHook(stopMaven);
            try {
                return maven.waitFor();
            } finally {
                removeHook(stopMaven);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + repository.resolve("mvnw") + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
