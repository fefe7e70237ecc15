package dev.eddy.enricher;

import dev.eddy.testing.TempDirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged enricher ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM, as {@code ./eddy up} and
 * the container start it, so a test can kill it with SIGKILL: no shutdown hook, no final commit, no state flush.
 */
final class EnricherProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Path tmpDir;

    private EnricherProcess(Process process, int httpPort, Path tmpDir) {
        this.process = process;
        this.httpPort = httpPort;
        this.tmpDir = tmpDir;
    }

    static EnricherProcess start(String bootstrapServers, Path stateDir, Path log, String... extraSettings) {
        Path jar = Path.of(System.getProperty("enricher.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged enricher at " + jar.toAbsolutePath()
                    + "; integration tests run after `package` (./mvnw -pl enricher verify)");
        }
        int port = freePort();
        // The child's temp files (RocksDB copies its 14 MB native library there) go to a folder of its own, removed
        // once it has exited: a killed JVM never runs deleteOnExit, so in /tmp they would pile up run after run.
        Path tmpDir = TempDirs.create("eddy-enricher-process");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m",
                "-Djava.io.tmpdir=" + tmpDir,
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.http.port=" + port,
                "-Deddy.enricher.state-dir=" + stateDir,
                // A killed member must leave the group quickly so that the restarted one gets its partitions.
                "-Dkafka-streams.session.timeout.ms=6000",
                "-Dkafka-streams.heartbeat.interval.ms=1000"));
        for (String setting : extraSettings) {
            command.add("-D" + setting);
        }
        command.add("-jar");
        command.add(jar.toString());
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new EnricherProcess(process, port, tmpDir);
        } catch (IOException e) {
            TempDirs.delete(tmpDir);
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Status code and body of a GET on the service's HTTP port, or status -1 while it does not answer yet. */
    HttpResult get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.body());
        } catch (IOException e) {
            return new HttpResult(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HttpResult(-1, "interrupted");
        }
    }

    /** SIGKILL: the process gets no chance to commit, flush or close anything. */
    void killHard() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -KILL " + process.pid() + " failed");
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
        }
        TempDirs.delete(tmpDir);
    }

    /** SIGTERM, as an orchestrator stops it, then waits for a clean exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        TempDirs.delete(tmpDir);
    }

    record HttpResult(int status, String body) {
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
