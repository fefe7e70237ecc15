package dev.eddy.launcher;

import dev.eddy.launcher.process.PidFile;
import dev.eddy.launcher.process.PidRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code ./eddy} script end to end, with the broker only ({@code --no-services}, so it does not depend on which
 * services happen to be built): up, status, Ctrl-C, up again on the same data, down; and the one-line errors.
 */
class EddyScriptIT {

    /** Two cores shared with other builds: a broker that starts quickly matters more here than its peak speed. */
    private static final String FAST_START = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @TempDir
    Path home;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatATestLeftBehind() {
        // Only reached when a test failed half-way: stop children before the launcher, as down would.
        new PidRegistry(home.resolve("pids")).all().stream().map(PidFile::liveProcess)
                .flatMap(java.util.Optional::stream).forEach(ProcessHandle::destroyForcibly);
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void upStatusCtrlCThenUpAgainOnTheSameDataThenDownLeaveNoProcess() throws Exception {
        int brokerPort = BuiltLayout.freePort();
        int controllerPort = BuiltLayout.freePort();
        List<String> up = List.of("up", "--no-build", "--no-services", "--broker-port", Integer.toString(brokerPort),
                "--controller-port", Integer.toString(controllerPort), "--partitions", "2");

        // 1. Up: the broker starts, topics are created, the status codes are written.
        Path firstOutput = home.resolve("up-1.out");
        Process launcher = eddy(up, firstOutput);
        awaitOutput(launcher, firstOutput, "Status codes: ");
        assertThat(Files.readString(firstOutput)).contains("new storage in", "Topics: 15 created, 0 already there",
                "written to the reference table");
        long brokerPid = new PidRegistry(home.resolve("pids")).find("kafka").orElseThrow().pid();

        // 2. Status from "another terminal": what runs, broker reachable, topics with offsets.
        Result status = run(List.of("status"));
        assertThat(status.code()).isZero();
        assertThat(status.output()).contains("Eddy is running (launcher pid " + launcher.pid(),
                "kafka", "port " + brokerPort, "Broker 127.0.0.1:" + brokerPort + ": reachable",
                "clickstream.users", "clickstream.status-codes");

        // 3. Ctrl-C: the launcher stops the broker and exits; no process and no pid file remain.
        signal(launcher, "INT");
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(130);
        assertGone(brokerPid);
        assertThat(Files.readString(firstOutput)).contains("Stopping the Kafka broker", "Eddy stopped.");
        assertThat(new PidRegistry(home.resolve("pids")).all()).isEmpty();

        // 4. Up again resumes: the storage is not formatted again, the topics and status codes are already there.
        Path secondOutput = home.resolve("up-2.out");
        Process again = eddy(up, secondOutput);
        awaitOutput(again, secondOutput, "Status codes: ");
        assertThat(Files.readString(secondOutput)).contains("resumed the data in", "Topics: 0 created, 15 already",
                "Status codes: 0 written");
        long secondBrokerPid = new PidRegistry(home.resolve("pids")).find("kafka").orElseThrow().pid();

        // 5. A second up while one runs is refused in one line.
        Result twice = run(up);
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.output()).isEqualTo("Eddy is already running (launcher pid " + again.pid()
                + "); see ./eddy status, or stop it with ./eddy down.\n");

        // 6. Down from another terminal stops it all.
        Result down = run(List.of("down"));
        assertThat(down.code()).isZero();
        assertThat(down.output()).contains("Stopping Eddy (launcher pid " + again.pid() + ")", "Eddy stopped.");
        assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertGone(secondBrokerPid);
        assertThat(run(List.of("status")).code()).isEqualTo(3);
    }

    @Test
    void aBrokerPortInUseIsOneLineAndNothingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run(List.of("up", "--no-build", "--no-services", "--broker-port",
                    Integer.toString(taken.getLocalPort()), "--controller-port",
                    Integer.toString(BuiltLayout.freePort())));

            assertThat(result.code()).isEqualTo(1);
            assertThat(result.output()).isEqualTo("Port " + taken.getLocalPort() + " on 127.0.0.1 (Kafka broker) is "
                    + "already in use: stop what uses it (e.g. `lsof -i :" + taken.getLocalPort() + "`) or choose "
                    + "another port with --broker-port or EDDY_BROKER_PORT.\n");
            assertThat(new PidRegistry(home.resolve("pids")).all()).isEmpty();
        }
    }

    @Test
    void aMissingOrTooOldJavaIsOneLine() throws Exception {
        Result missing = run(List.of("status"), Map.of("JAVA_HOME", home.resolve("no-jdk").toString()));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.output()).isEqualTo("eddy: JAVA_HOME is " + home.resolve("no-jdk") + " but "
                + home.resolve("no-jdk") + "/bin/java does not exist; point JAVA_HOME at a JDK 17 or newer.\n");

        Path oldJdk = home.resolve("old-jdk");
        Files.createDirectories(oldJdk.resolve("bin"));
        Path java = oldJdk.resolve("bin").resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result old = run(List.of("status"), Map.of("JAVA_HOME", oldJdk.toString()));
        assertThat(old.code()).isEqualTo(1);
        assertThat(old.output()).isEqualTo("eddy: " + java + " is Java 11.0.22; Eddy needs Java 17 or newer "
                + "(set JAVA_HOME to a newer JDK).\n");
    }

    private Process eddy(List<String> arguments, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(BuiltLayout.script().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("EDDY_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("EDDY_BROKER_JAVA_OPTS", FAST_START);
        Process process = builder.start();
        started.add(process.toHandle());
        return process;
    }

    private record Result(int code, String output) {
    }

    private Result run(List<String> arguments) throws Exception {
        return run(arguments, Map.of());
    }

    private Result run(List<String> arguments, Map<String, String> environment) throws Exception {
        Path output = Files.createTempFile(home, "eddy", ".out");
        List<String> command = new ArrayList<>(List.of(BuiltLayout.script().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("EDDY_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process.toHandle());
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("./eddy " + arguments + " finished").isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }

    private static void awaitOutput(Process process, Path output, String text) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("./eddy up exited early:\n" + Files.readString(output));
            }
            return Files.readString(output).contains(text);
        });
    }

    private static void signal(Process process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void assertGone(long pid) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
    }
}
