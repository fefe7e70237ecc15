package dev.eddy.aggregator.it;

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

    private AggregatorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static AggregatorProcess start(String name, Path workDir, Map<String, String> settings) throws IOException {
        String jar = System.getProperty("eddy.aggregator.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("packaged application missing at " + jar + ": run `mvn verify`");
        }
        int port = freePort();
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dkafka-streams.state.dir=" + workDir.resolve(name + "-state"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AggregatorProcess(process, port, log);
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
    }

    /** Crash (SIGKILL): the instance does not leave the consumer group; its tasks stay assigned to it for a while. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
