package dev.eddy.launcher.services;

import dev.eddy.launcher.process.ChildProcess;
import dev.eddy.launcher.process.JvmCommand;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.process.ProcessStopper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One Eddy service (or any JVM program in tests) running as a child process: its log in {@code .eddy/logs}, its PID
 * in {@code .eddy/pids}, stopped with SIGTERM so Quarkus shuts down gracefully, SIGKILL after a grace period.
 */
public final class ServiceProcess {

    /** Everything needed to start one service. */
    public record Launch(String name, int port, JvmCommand command, Path workingDir, Path log) {
    }

    private final Launch launch;
    private final ChildProcess process;

    private ServiceProcess(Launch launch, ChildProcess process) {
        this.launch = launch;
        this.process = process;
    }

    /**
     * The launch of a built Eddy service: {@code java -jar quarkus-run.jar} with the broker address, the HTTP port
     * and the local-mode folders as system properties (they override the application's own defaults).
     */
    public static Launch launchOf(EddyService service, ServiceEnvironment environment) {
        JvmCommand command = JvmCommand.jar(service.runJar(environment.repository()), List.of())
                .withJvmOptions(environment.javaOptions())
                .withSystemProperties(systemProperties(service, environment));
        if (environment.watchdogAgent().isPresent()) {
            command = command.withWatchdog(environment.watchdogAgent().get());
        }
        return new Launch(service.id(), environment.port(service), command,
                environment.repository().resolve(service.id()), environment.logs().resolve(service.id() + ".log"));
    }

    static Map<String, String> systemProperties(EddyService service, ServiceEnvironment environment) {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", environment.bootstrapServers());
        properties.put("quarkus.http.port", Integer.toString(environment.port(service)));
        properties.put("quarkus.http.host", environment.host());
        if (service.kafkaStreams()) {
            properties.put("quarkus.kafka-streams.bootstrap-servers", environment.bootstrapServers());
            // Kept under .eddy/ rather than the default /tmp/kafka-streams so state survives reboots with the data.
            properties.put("kafka-streams.state.dir", environment.stateRoot().resolve(service.id()).toString());
        }
        if (service == EddyService.AGGREGATOR) {
            // Query forwarding between instances goes through application.server; locally that is this host.
            properties.put("eddy.aggregator.advertised-host", environment.host());
        }
        if (service == EddyService.LAKE_WRITER) {
            properties.put(ServiceEnvironment.LAKE_ROOT_PROPERTY, environment.lake().toString());
        }
        return properties;
    }

    public static ServiceProcess start(Launch launch, PidRegistry registry) {
        ChildProcess child = ChildProcess.start(launch.name(), launch.command(), launch.workingDir(), launch.log(),
                registry, launch.port(), Map.of());
        return new ServiceProcess(launch, child);
    }

    public String name() {
        return launch.name();
    }

    public int port() {
        return launch.port();
    }

    public Path log() {
        return launch.log();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public OptionalInt exitCode() {
        return process.exitCode();
    }

    public List<String> tailOfLog(int lines) {
        return process.tailOfLog(lines);
    }

    public void requestStop() {
        process.requestStop();
    }

    public ProcessStopper.Outcome awaitStopped(Duration grace) {
        return process.awaitStopped(grace);
    }

    public ProcessStopper.Outcome stop(Duration grace) {
        return process.stop(grace);
    }
}
