package dev.eddy.e2e.pipeline;

import dev.eddy.launcher.broker.BrokerProcess;
import dev.eddy.launcher.broker.BrokerSettings;
import dev.eddy.launcher.broker.KafkaAdmins;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.services.EddyService;
import dev.eddy.launcher.services.ServiceEnvironment;
import dev.eddy.launcher.services.ServiceHealth;
import dev.eddy.launcher.services.ServiceProcess;
import dev.eddy.launcher.topics.StatusCodeCatalog;
import dev.eddy.launcher.topics.StatusCodeSeed;
import dev.eddy.launcher.topics.TopicPlan;
import dev.eddy.launcher.topics.TopicSetup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole of Eddy on this machine, as the user runs it: a Kafka broker as its own process, the topics, the status
 * codes, and the four packaged services as child processes, all from the launcher's classes. Each part can be
 * killed (SIGKILL) and started again on the same data, which is what the fault-injection run does.
 */
public final class Pipeline implements AutoCloseable {

    private static final Duration BROKER_READY = Duration.ofSeconds(120);
    private static final Duration SERVICE_READY = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /**
     * Time retention of the run's topics: 20 years. The seeded runs are dated 2026-01-01 (event time = record
     * timestamp), and with local mode's 24 h the broker deletes a segment whose newest record is older than that
     * within its 5-minute retention check: whole partitions of a run vanished mid-test that way.
     */
    private static final int RETENTION_HOURS = 20 * 365 * 24;

    private final PipelineSettings settings;
    private final PidRegistry registry;
    private final BrokerSettings brokerSettings;
    private final ServiceEnvironment environment;
    /** The child JVMs' java.io.tmpdir; removed on {@link #close()}. */
    private final Path childTmp;
    private final Map<EddyService, ServiceProcess> services = new EnumMap<>(EddyService.class);
    private final ServiceHealth health = new ServiceHealth();
    private BrokerProcess broker;

    private Pipeline(PipelineSettings settings) {
        this.settings = settings;
        Path repository = settings.repository();
        Path launcherTarget = repository.resolve("launcher").resolve("target");
        Path brokerLib = launcherTarget.resolve("lib");
        Path watchdog = launcherTarget.resolve("eddy-launcher-watchdog.jar");
        requireBuilt(brokerLib, "the broker class path (launcher/target/lib)", "launcher");
        requireBuilt(watchdog, "the launcher's watchdog agent", "launcher");
        for (EddyService service : EddyService.values()) {
            requireBuilt(service.runJar(repository), "the packaged " + service.id(), service.id());
        }
        this.registry = new PidRegistry(settings.workDir().resolve("pids"));
        // The children's temp files (RocksDB and Snappy copy their native libraries there, 14 MB and 2 MB) go under
        // the work dir: a killed JVM never runs deleteOnExit, so in /tmp they would pile up with every faults run.
        this.childTmp = settings.workDir().resolve("tmp");
        try {
            Files.createDirectories(childTmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String tmpOption = "-Djava.io.tmpdir=" + childTmp;
        this.brokerSettings = new BrokerSettings("127.0.0.1", freePort(), freePort(), settings.partitions(),
                settings.workDir().resolve("kafka"), settings.workDir().resolve("kafka").resolve("data"),
                settings.logs().resolve("kafka.log"), brokerLib + "/*", Optional.of(watchdog),
                List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", tmpOption), RETENTION_HOURS,
                1024L * 1024 * 1024);
        Map<EddyService, Integer> ports = new EnumMap<>(EddyService.class);
        for (EddyService service : EddyService.values()) {
            ports.put(service, freePort());
        }
        this.environment = new ServiceEnvironment(AppSnapshot.of(repository, settings.workDir().resolve("apps")),
                brokerSettings.bootstrapServers(), "127.0.0.1", ports,
                settings.logs(), settings.lake(), settings.workDir().resolve("state"),
                withFirst(tmpOption, settings.serviceJavaOptions()), Optional.of(watchdog));
    }

    /** {@code first}, then {@code options}: a -D among the given options still wins over it. */
    private static List<String> withFirst(String first, List<String> options) {
        List<String> all = new ArrayList<>(options.size() + 1);
        all.add(first);
        all.addAll(options);
        return List.copyOf(all);
    }

    /** Starts the broker, creates the topics, seeds the status codes; no service yet. */
    public static Pipeline startBroker(PipelineSettings settings) {
        Pipeline pipeline = new Pipeline(settings);
        try {
            Files.createDirectories(settings.lake());
            pipeline.broker = BrokerProcess.start(pipeline.brokerSettings, pipeline.registry, BROKER_READY);
            try (KafkaAdmins.Session session = KafkaAdmins.open(pipeline.bootstrapServers(), Duration.ofSeconds(30))) {
                TopicSetup.ensure(session.admin(), TopicPlan.forPartitions(settings.partitions()));
            }
            StatusCodeSeed.seed(pipeline.bootstrapServers(), StatusCodeCatalog.all());
            return pipeline;
        } catch (IOException e) {
            pipeline.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    public PipelineSettings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return brokerSettings.bootstrapServers();
    }

    public int port(EddyService service) {
        return environment.port(service);
    }

    public String baseUrl(EddyService service) {
        return "http://127.0.0.1:" + port(service);
    }

    /** Starts one service (again, after a kill: same ports, state folder and lake) and waits until it is ready. */
    public void start(EddyService service) {
        ServiceProcess.Launch launch = ServiceProcess.launchOf(service, environment);
        ServiceProcess.Launch configured = new ServiceProcess.Launch(launch.name(), launch.port(),
                launch.command().withSystemProperties(propertiesOf(service)), launch.workingDir(), launch.log());
        ServiceProcess process = ServiceProcess.start(configured, registry);
        synchronized (services) {
            services.put(service, process);
        }
        awaitReady(service, process);
    }

    private Map<String, String> propertiesOf(EddyService service) {
        return switch (service) {
            case GENERATOR -> settings.generatorProperties();
            case AGGREGATOR -> settings.aggregatorProperties();
            case LAKE_WRITER -> settings.lakeWriterProperties();
            case ENRICHER -> Map.of();
        };
    }

    private void awaitReady(EddyService service, ServiceProcess process) {
        Instant deadline = Instant.now().plus(SERVICE_READY);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.id() + " exited during start (exit "
                        + process.exitCode().orElse(-1) + "); last lines of " + process.log() + ":\n"
                        + String.join("\n", process.tailOfLog(30)));
            }
            if (health.probe("127.0.0.1", process.port()) == ServiceHealth.State.READY) {
                return;
            }
            Polling.pause();
        }
        throw new IllegalStateException(service.id() + " was not ready within " + SERVICE_READY.toSeconds()
                + " s; last lines of " + process.log() + ":\n" + String.join("\n", process.tailOfLog(30)));
    }

    /** SIGKILL, no warning, then waits for the exit. */
    public void kill(EddyService service) {
        ServiceProcess process;
        synchronized (services) {
            process = services.get(service);
        }
        if (process == null) {
            throw new IllegalStateException(service.id() + " was never started");
        }
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
        if (handle != null) {
            handle.destroyForcibly();
            handle.onExit().join();
        }
    }

    /**
     * Stops the broker process (SIGKILL when {@code kill}, else SIGTERM and SIGKILL after a grace), leaves it down for
     * {@code downtime}, and starts it again on the same data.
     */
    public void restartBroker(boolean kill, Duration downtime) {
        if (kill) {
            ProcessHandle.of(broker.pid()).ifPresent(handle -> {
                handle.destroyForcibly();
                handle.onExit().join();
            });
        } else {
            broker.stop(Duration.ofSeconds(60));
        }
        Instant back = Instant.now().plus(downtime);
        while (Instant.now().isBefore(back)) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.between(Instant.now(), back).toNanos());
        }
        broker = BrokerProcess.start(brokerSettings, registry, BROKER_READY);
    }

    public boolean isAlive(EddyService service) {
        synchronized (services) {
            ServiceProcess process = services.get(service);
            return process != null && process.isAlive();
        }
    }

    /** Every service process that died without being asked to, with the end of its log. */
    public List<String> unexpectedExits() {
        List<String> exits = new ArrayList<>();
        synchronized (services) {
            services.forEach((service, process) -> {
                if (!process.isAlive()) {
                    exits.add(service.id() + " exited with " + process.exitCode().orElse(-1) + ":\n"
                            + String.join("\n", process.tailOfLog(15)));
                }
            });
        }
        return exits;
    }

    /** Stops the services (in parallel), then the broker. Safe to call twice. */
    @Override
    public void close() {
        List<ServiceProcess> running;
        synchronized (services) {
            running = new ArrayList<>(services.values());
        }
        running.forEach(ServiceProcess::requestStop);
        running.forEach(process -> process.awaitStopped(STOP_GRACE));
        if (broker != null) {
            broker.stop(Duration.ofSeconds(30));
        }
        deleteRecursively(childTmp);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }

    private static void requireBuilt(Path path, String what, String module) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(what + " is missing: " + path + ". Package the services first: "
                    + "./mvnw -q -pl generator,enricher,aggregator,lake-writer,launcher install -DskipTests"
                    + " (module " + module + ")");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
