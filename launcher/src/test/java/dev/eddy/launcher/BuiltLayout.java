package dev.eddy.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code package} built, as the integration tests (failsafe, after packaging) find it: the broker's class path,
 * the watchdog agent, the launcher jar, the test classes for fake children, and the repository root with ./eddy.
 */
public final class BuiltLayout {

    public static final Path MODULE = Path.of("").toAbsolutePath();
    public static final Path TARGET = MODULE.resolve("target");
    public static final Path REPOSITORY = MODULE.getParent();

    private BuiltLayout() {
    }

    public static String brokerClassPath() {
        requireFile(TARGET.resolve("lib").resolve("kafka_2.13-4.1.1.jar"));
        return TARGET.resolve("lib") + File.separator + "*";
    }

    public static Path watchdogJar() {
        return requireFile(TARGET.resolve("eddy-launcher-watchdog.jar"));
    }

    /** The launcher classes, the test classes and every dependency: what a fake launcher or service runs on. */
    public static String testClassPath() {
        return String.join(File.pathSeparator, requireFile(TARGET.resolve("eddy-launcher.jar")).toString(),
                TARGET.resolve("test-classes").toString(), TARGET.resolve("lib") + File.separator + "*");
    }

    public static Path script() {
        return requireFile(REPOSITORY.resolve("eddy"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: these tests run after `package` (./mvnw verify)");
        }
        return file;
    }
}
