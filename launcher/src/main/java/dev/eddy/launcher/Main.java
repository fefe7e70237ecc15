package dev.eddy.launcher;

import dev.eddy.launcher.cli.CommandContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of {@code ./eddy}. The script passes the repository root as {@code -Deddy.repository}; the data folder
 * is {@code EDDY_HOME} or {@code <repository>/.eddy}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        EddyHome home = home(environment);
        quietKafkaClients(home);
        int code;
        try {
            code = Commands.standard().dispatch(new CommandContext(home, environment, System.out, System.err),
                    Arrays.asList(args));
        } catch (RuntimeException e) {
            // Expected failures are reported by the commands; this is the last line of defence: still one line.
            System.err.println("eddy: " + e.getMessage() + " (details in " + home.log("launcher") + ")");
            logStackTrace(home, e);
            code = 1;
        }
        System.exit(code);
    }

    static EddyHome home(Map<String, String> environment) {
        Path repository = Path.of(System.getProperty("eddy.repository", "."));
        String configured = environment.get("EDDY_HOME");
        Path root = configured == null || configured.isBlank() ? repository.resolve(".eddy") : Path.of(configured);
        return EddyHome.of(repository, root);
    }

    /**
     * The launcher's own Kafka clients log warnings (a broker not reachable yet, ...) to {@code .eddy/logs/launcher.log}
     * instead of the terminal, where the live view is. Must run before the first Kafka class logs.
     */
    private static void quietKafkaClients(EddyHome home) {
        try {
            Files.createDirectories(home.logs());
            System.setProperty("org.slf4j.simpleLogger.logFile", home.log("launcher").toString());
        } catch (IOException e) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    private static void logStackTrace(EddyHome home, Throwable error) {
        try (java.io.PrintStream log = new java.io.PrintStream(
                Files.newOutputStream(home.log("launcher"), java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND), true, java.nio.charset.StandardCharsets.UTF_8)) {
            error.printStackTrace(log);
        } catch (IOException ignored) {
            // Nowhere to write: the one-line message on the terminal is all the user gets.
        }
    }
}
