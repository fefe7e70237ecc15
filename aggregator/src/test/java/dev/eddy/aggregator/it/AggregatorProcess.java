package dev.eddy.aggregator.it;

import dev.eddy.testing.TempDirs;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged aggregator (target/quarkus-app/quarkus-run.jar) running as a child process with its own port. */
final class AggregatorProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Path tmpDir;

    private AggregatorProcess(Process process, int port, Path log, Path tmpDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.tmpDir = tmpDir;
    }

    static AggregatorProcess start(String name, Path workDir, Map<String, String> settings) throws IOException {
        String jar = System.getProperty("eddy.aggregator.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("packaged application missing at " + jar + ": run `mvn verify`");
        }
        int port = freePort();
        Path log = workDir.resolve(name + ".log");
        // The child's temp files (RocksDB copies its 14 MB native library there) go to a folder of its own, removed
        // once it has exited: a killed JVM never runs deleteOnExit, so in /tmp they would pile up run after run.
        Path tmpDir = Files.createDirectories(workDir.resolve(name + "-tmp"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Djava.io.tmpdir=" + tmpDir);
        command.add("-Dkafka-streams.state.dir=" + workDir.resolve(name + "-state"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AggregatorProcess(process, port, log, tmpDir);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String address() {
        return "localhost:" + port;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Graceful stop (SIGTERM: Quarkus closes Kafka Streams, which leaves the group); forced after the timeout. */
    void stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        TempDirs.delete(tmpDir);
    }

    /** Crash (SIGKILL): the instance does not leave the consumer group; its tasks stay assigned to it for a while. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        TempDirs.delete(tmpDir);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
        TempDirs.delete(tmpDir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
