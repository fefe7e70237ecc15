package dev.eddy.launcher.broker;

import dev.eddy.launcher.process.ChildProcess;
import dev.eddy.launcher.process.JvmCommand;
import dev.eddy.launcher.process.LogTail;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.process.ProcessStopper;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker as its own OS process ({@code kafka.Kafka server.properties}, the same main class as
 * Kafka's own scripts), from the jars in the launcher's {@code target/lib}. The storage is formatted on the first
 * start only ({@code kafka.tools.StorageTool format}); later starts reuse it, so topics and data survive.
 */
public final class BrokerProcess {

    public static final String NAME = "kafka";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(250);

    private final BrokerSettings settings;
    private final ChildProcess process;
    private final boolean formatted;

    private BrokerProcess(BrokerSettings settings, ChildProcess process, boolean formatted) {
        this.settings = settings;
        this.process = process;
        this.formatted = formatted;
    }

    /**
     * Formats the storage if it is new, starts the broker and returns once it answers admin requests.
     *
     * @throws BrokerStartException when the broker exits or does not answer within {@code readyTimeout}
     */
    public static BrokerProcess start(BrokerSettings settings, PidRegistry registry, Duration readyTimeout) {
        writeConfig(settings);
        boolean formatted = false;
        if (!isFormatted(settings.dataDir())) {
            format(settings);
            formatted = true;
        }
        JvmCommand command = JvmCommand.mainClass(settings.classPath(), "kafka.Kafka",
                        List.of(settings.configFile().toString()))
                .withJvmOptions(settings.javaOptions())
                .withJvmOptions(List.of("-Djava.awt.headless=true"))
                .withSystemProperties(logging());
        if (settings.watchdogAgent().isPresent()) {
            command = command.withWatchdog(settings.watchdogAgent().get());
        }
        ChildProcess child = ChildProcess.start(NAME, command, settings.configDir(), settings.log(), registry,
                settings.port(), Map.of());
        BrokerProcess broker = new BrokerProcess(settings, child, formatted);
        broker.awaitReady(readyTimeout);
        return broker;
    }

    /** The broker logs through SLF4J's simple logger to stdout, which goes to its log file. */
    private static Map<String, String> logging() {
        return Map.of(
                "org.slf4j.simpleLogger.logFile", "System.out",
                "org.slf4j.simpleLogger.defaultLogLevel", "info",
                "org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
                "org.slf4j.simpleLogger.log.kafka.request.logger", "warn",
                "org.slf4j.simpleLogger.log.state.change.logger", "warn");
    }

    /** Whether the data folder already holds a formatted KRaft log (the formatter writes meta.properties). */
    public static boolean isFormatted(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve("meta.properties"));
    }

    private static void writeConfig(BrokerSettings settings) {
        Properties properties = new Properties();
        properties.putAll(BrokerConfig.singleNode(settings));
        try {
            Files.createDirectories(settings.configDir());
            Files.createDirectories(settings.dataDir());
            try (Writer writer = Files.newBufferedWriter(settings.configFile(), StandardCharsets.UTF_8)) {
                properties.store(writer, "Written by ./eddy up at every start; edit the launcher, not this file");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + settings.configFile(), e);
        }
    }

    private static void format(BrokerSettings settings) {
        List<String> command = JvmCommand.mainClass(settings.classPath(), "kafka.tools.StorageTool", List.of(
                        "format", "--cluster-id", Uuid.randomUuid().toString(),
                        "--config", settings.configFile().toString()))
                .withSystemProperties(logging())
                .toCommandLine("");
        try {
            Files.createDirectories(settings.log().getParent());
            Files.writeString(settings.log(), "==== " + Instant.now() + " ./eddy formats new broker storage in "
                    + settings.dataDir() + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process formatter = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log().toFile()))
                    .start();
            if (!formatter.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                formatter.destroyForcibly();
                throw new BrokerStartException("formatting the broker storage took longer than " + FORMAT_TIMEOUT,
                        LogTail.last(settings.log(), 20));
            }
            if (formatter.exitValue() != 0) {
                throw new BrokerStartException("formatting the broker storage in " + settings.dataDir()
                        + " failed (exit " + formatter.exitValue() + ")", LogTail.last(settings.log(), 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Kafka storage formatter: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while formatting the broker storage", List.of());
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new BrokerStartException("the Kafka broker exited during start (exit "
                        + process.exitCode().orElse(-1) + "); its log is " + settings.log(), process.failureLines(8));
            }
            if (KafkaAdmins.reachable(settings.bootstrapServers(), Duration.ofSeconds(2))) {
                return;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.stop(Duration.ofSeconds(10));
        throw new BrokerStartException("the Kafka broker did not answer on " + settings.bootstrapServers()
                + " within " + timeout.toSeconds() + " s; its log is " + settings.log(), process.tailOfLog(20));
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** Whether this start formatted new storage (first run) rather than resuming existing data. */
    public boolean formattedNewStorage() {
        return formatted;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ChildProcess process() {
        return process;
    }

    /** Controlled shutdown (SIGTERM), SIGKILL after {@code grace}. */
    public ProcessStopper.Outcome stop(Duration grace) {
        return process.stop(grace);
    }
}
