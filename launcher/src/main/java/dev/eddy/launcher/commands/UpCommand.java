package dev.eddy.launcher.commands;

import dev.eddy.launcher.EddyHome;
import dev.eddy.launcher.LaunchSettings;
import dev.eddy.launcher.PortCheck;
import dev.eddy.launcher.broker.BrokerProcess;
import dev.eddy.launcher.broker.BrokerSettings;
import dev.eddy.launcher.broker.BrokerStartException;
import dev.eddy.launcher.broker.KafkaAdmins;
import dev.eddy.launcher.cli.Command;
import dev.eddy.launcher.cli.CommandContext;
import dev.eddy.launcher.cli.Options;
import dev.eddy.launcher.cli.UsageException;
import dev.eddy.launcher.process.PidFile;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.process.ProcessSession;
import dev.eddy.launcher.services.EddyService;
import dev.eddy.launcher.services.ServiceBuild;
import dev.eddy.launcher.services.ServiceEnvironment;
import dev.eddy.launcher.services.ServiceProcess;
import dev.eddy.launcher.topics.StatusCodeCatalog;
import dev.eddy.launcher.topics.StatusCodeSeed;
import dev.eddy.launcher.topics.TopicPlan;
import dev.eddy.launcher.topics.TopicSetup;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./eddy up}: builds what is missing, starts the broker, creates the topics, seeds the reference data,
 * starts every built service and shows live progress until Ctrl-C or {@code ./eddy down}.
 */
public final class UpCommand implements Command {

    private static final Duration BROKER_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "up";
    }

    @Override
    public String summary() {
        return "start the broker and every built service, show live progress; Ctrl-C stops all";
    }

    @Override
    public String details() {
        StringBuilder ports = new StringBuilder();
        for (EddyService service : EddyService.values()) {
            ports.append(String.format("  %-22s %-24s %s HTTP port (default %d)%n", service.portFlag() + " N",
                    service.portVariable(), service.id(), service.defaultPort()));
        }
        return "  option                 environment variable     meaning\n"
                + "  --broker-port N        EDDY_BROKER_PORT         Kafka client port (default 9092)\n"
                + "  --controller-port N    EDDY_CONTROLLER_PORT     KRaft controller port (default 9093)\n"
                + "  --host HOST            EDDY_HOST                address everything binds to (default 127.0.0.1)\n"
                + "  --partitions N         EDDY_PARTITIONS          partitions of new topics (default 6)\n"
                + ports
                + "  --services LIST        EDDY_SERVICES            all (default), none, or e.g. generator,enricher\n"
                + "  --no-services                                   broker and topics only\n"
                + "  --build                                         rebuild the launcher and the services first\n"
                + "  --no-build                                      never build; start what is built\n"
                + "  --retention-hours N    EDDY_RETENTION_HOURS     topic retention by time (default 24)\n"
                + "  --retention-mb N       EDDY_RETENTION_MB        retention by size, per partition (default 1024)\n"
                + "                         EDDY_BROKER_JAVA_OPTS    JVM options of the broker (default:\n"
                + "                                                  " + LaunchSettings.DEFAULT_BROKER_JAVA_OPTIONS + ")\n"
                + "                         EDDY_SERVICE_JAVA_OPTS   JVM options of every service (default:\n"
                + "                                                  " + LaunchSettings.DEFAULT_SERVICE_JAVA_OPTIONS + ")";
    }

    @Override
    public int run(CommandContext context, List<String> arguments) throws UsageException {
        Options options = Options.parse(arguments, LaunchSettings.VALUE_OPTIONS, LaunchSettings.FLAG_OPTIONS);
        if (!options.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + options.positional().get(0) + "'");
        }
        LaunchSettings settings = LaunchSettings.from(options, context.environment());
        EddyHome home = context.home().createDirectories();
        PidRegistry registry = new PidRegistry(home.pids());

        Optional<PidFile> running = registry.runningLauncher();
        if (running.isPresent()) {
            context.err().println("Eddy is already running (launcher pid " + running.get().pid()
                    + "); see ./eddy status, or stop it with ./eddy down.");
            return 1;
        }
        List<String> leftovers = registry.stopLeftovers(LEFTOVER_GRACE);
        if (!leftovers.isEmpty()) {
            context.out().println("Stopped what an earlier run left behind: " + String.join(", ", leftovers));
        }
        // Recorded before the build, so a second ./eddy up is refused and ./eddy down finds this one meanwhile.
        registry.record(PidFile.of(PidRegistry.LAUNCHER, ProcessHandle.current(), 0));
        try {
            return prepareAndRun(context, settings, home, registry);
        } finally {
            registry.forget(PidRegistry.LAUNCHER);
        }
    }

    private int prepareAndRun(CommandContext context, LaunchSettings settings, EddyHome home,
                              PidRegistry registry) {
        if (!hasJars(home.brokerClassPath())) {
            context.err().println("The broker's class path " + home.brokerClassPath()
                    + " is missing or empty: run ./eddy up --build.");
            return 1;
        }

        List<EddyService> wanted = Arrays.stream(EddyService.values()).filter(settings::wants).toList();
        String buildFailure = null;
        if (settings.build() != LaunchSettings.Build.NEVER) {
            List<EddyService> toBuild = ServiceBuild.toBuild(home.repository(), wanted,
                    settings.build() == LaunchSettings.Build.ALWAYS);
            if (!toBuild.isEmpty()) {
                context.out().println("Building " + names(toBuild) + " with ./mvnw (tests skipped)...");
                int exit = ServiceBuild.run(home.repository(), toBuild);
                if (exit != 0) {
                    buildFailure = "the build of " + names(toBuild) + " failed (Maven exit code " + exit
                            + ", output above): what is built may be older than the sources";
                    context.err().println("Warning: " + buildFailure + ".");
                }
            }
        }
        List<EddyService> startable = wanted.stream().filter(service -> service.isBuilt(home.repository()))
                .toList();
        List<EddyService> notBuilt = wanted.stream().filter(service -> !service.isBuilt(home.repository()))
                .toList();

        List<PortCheck.PortNeed> needs = new ArrayList<>();
        needs.add(new PortCheck.PortNeed(settings.brokerPort(), "Kafka broker", "--broker-port", "EDDY_BROKER_PORT"));
        needs.add(new PortCheck.PortNeed(settings.controllerPort(), "Kafka controller", "--controller-port",
                "EDDY_CONTROLLER_PORT"));
        for (EddyService service : startable) {
            needs.add(new PortCheck.PortNeed(settings.port(service), service.id(), service.portFlag(),
                    service.portVariable()));
        }
        Optional<String> conflict = PortCheck.firstConflict(settings.host(), needs);
        if (conflict.isPresent()) {
            context.err().println(conflict.get());
            return 1;
        }

        LocalStack stack = new LocalStack(registry, context.out());
        Thread hook = new Thread(stack::stop, "eddy-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runStack(context, settings, home, registry, stack, startable, notBuilt, buildFailure);
        } finally {
            stack.stop();
        }
    }

    private int runStack(CommandContext context, LaunchSettings settings, EddyHome home, PidRegistry registry,
                         LocalStack stack, List<EddyService> startable, List<EddyService> notBuilt,
                         String buildFailure) {
        Optional<Path> watchdog = Files.isRegularFile(home.watchdogJar()) ? Optional.of(home.watchdogJar())
                : Optional.empty();
        context.out().println("Starting the Kafka broker on " + settings.bootstrapServers() + " (log "
                + home.log(BrokerProcess.NAME) + ")...");
        long startedAt = System.nanoTime();
        BrokerProcess broker;
        try {
            broker = BrokerProcess.start(brokerSettings(settings, home, watchdog), registry, BROKER_READY_TIMEOUT);
        } catch (BrokerStartException e) {
            context.err().println(e.getMessage());
            e.logTail().forEach(line -> context.err().println("  | " + line));
            return 1;
        }
        stack.broker(broker);
        context.out().printf("Kafka broker ready in %.1f s (%s).%n", (System.nanoTime() - startedAt) / 1e9,
                broker.formattedNewStorage() ? "new storage in " + home.kafkaData()
                        : "resumed the data in " + home.kafkaData());

        List<String> notices = new ArrayList<>();
        if (buildFailure != null) {
            notices.add(buildFailure);
        }
        try (KafkaAdmins.Session session = KafkaAdmins.open(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            Admin admin = session.admin();
            TopicSetup.Result topics = TopicSetup.ensure(admin, TopicPlan.forPartitions(settings.partitions()));
            context.out().println("Topics: " + topics.created().size() + " created, " + topics.existing().size()
                    + " already there.");
            if (!topics.partitionMismatches().isEmpty()) {
                notices.add("existing topics keep their partition count (delete " + home.root()
                        + " to start afresh): " + String.join("; ", topics.partitionMismatches()));
            }
        }
        int seeded = StatusCodeSeed.seed(broker.bootstrapServers(), StatusCodeCatalog.all());
        context.out().println("Status codes: " + seeded + " written to the reference table.");
        if (!ProcessSession.detaches()) {
            notices.add("setsid not found: services get Ctrl-C together with the launcher, so stopping is less "
                    + "orderly");
        }
        for (EddyService service : notBuilt) {
            notices.add(service.id() + " is not started: " + (service.hasSources(home.repository())
                    ? "not built (./eddy up --build, or ./mvnw -pl " + service.id() + " package -DskipTests)"
                    : "the module has no sources yet"));
        }

        ServiceEnvironment environment = new ServiceEnvironment(home.repository(), broker.bootstrapServers(),
                settings.host(), settings.servicePorts(), home.logs(), home.lake(), home.root().resolve("state"),
                settings.serviceJavaOptions(), watchdog);
        for (EddyService service : startable) {
            if (stack.stopRequested()) {
                return 0;
            }
            stack.add(ServiceProcess.start(ServiceProcess.launchOf(service, environment), registry));
        }
        return new LiveProgress(context, settings, home, stack, notices).runUntilStopped();
    }

    static BrokerSettings brokerSettings(LaunchSettings settings, EddyHome home, Optional<Path> watchdog) {
        return new BrokerSettings(settings.host(), settings.brokerPort(), settings.controllerPort(),
                settings.partitions(), home.kafkaDir(), home.kafkaData(), home.log(BrokerProcess.NAME),
                home.brokerClassPath() + java.io.File.separator + "*", watchdog, settings.brokerJavaOptions(),
                settings.retentionHours(), settings.retentionMegabytesPerPartition() * 1024L * 1024L);
    }

    private static boolean hasJars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String names(List<EddyService> services) {
        return String.join(", ", services.stream().map(EddyService::id).toList());
    }
}
