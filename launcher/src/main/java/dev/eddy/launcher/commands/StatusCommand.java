package dev.eddy.launcher.commands;

import dev.eddy.launcher.broker.BrokerProcess;
import dev.eddy.launcher.broker.KafkaAdmins;
import dev.eddy.launcher.cli.Command;
import dev.eddy.launcher.cli.CommandContext;
import dev.eddy.launcher.cli.Options;
import dev.eddy.launcher.cli.UsageException;
import dev.eddy.launcher.process.PidFile;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.progress.OffsetSampler;
import dev.eddy.launcher.progress.OffsetSnapshot;
import dev.eddy.launcher.progress.Progress;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@code ./eddy status}: what runs (pids, ports), whether the broker answers, topics with end offsets, lag. */
public final class StatusCommand implements Command {

    /** Exit code when Eddy is not running, as LSB init scripts use for "program is not running". */
    public static final int NOT_RUNNING = 3;
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "what runs: processes, ports, broker, topics with end offsets, consumer lag";
    }

    @Override
    public String details() {
        return "  --host HOST   the broker's host (EDDY_HOST, default 127.0.0.1)\n"
                + "  Exit code 0 when Eddy runs and its broker answers, 3 when it does not.";
    }

    @Override
    public int run(CommandContext context, List<String> arguments) throws UsageException {
        Options options = Options.parse(arguments, Set.of("--host"), Set.of());
        String host = options.value("--host").orElse(context.environment().getOrDefault("EDDY_HOST", "127.0.0.1"));
        PidRegistry registry = new PidRegistry(context.home().pids());
        List<PidFile> recorded = registry.all();
        Optional<PidFile> launcher = registry.runningLauncher();
        context.out().println(launcher.map(file -> "Eddy is running (launcher pid " + file.pid() + ", started "
                + Instant.ofEpochMilli(file.startMillis()) + "); data in " + context.home().root())
                .orElse("Eddy is not running; data folder " + context.home().root()));
        for (PidFile file : recorded) {
            if (PidRegistry.LAUNCHER.equals(file.name())) {
                continue;
            }
            boolean alive = file.liveProcess().isPresent();
            context.out().printf(Locale.ROOT, "  %-12s pid %-8d %-8s %s%n", file.name(), file.pid(),
                    alive ? "running" : "gone", file.port() > 0 ? "port " + file.port() : "");
        }
        Optional<PidFile> broker = recorded.stream().filter(file -> BrokerProcess.NAME.equals(file.name()))
                .findFirst();
        if (broker.isEmpty() || broker.get().port() == 0) {
            return launcher.isPresent() ? 0 : NOT_RUNNING;
        }
        String bootstrap = host + ":" + broker.get().port();
        if (!KafkaAdmins.reachable(bootstrap, BROKER_TIMEOUT)) {
            context.out().println("Broker " + bootstrap + ": not reachable");
            return NOT_RUNNING;
        }
        context.out().println("Broker " + bootstrap + ": reachable");
        try (KafkaAdmins.Session session = KafkaAdmins.open(bootstrap, BROKER_TIMEOUT)) {
            OffsetSnapshot snapshot = new OffsetSampler(session.admin(), Clock.systemUTC()).sample();
            printTopics(context, snapshot);
            List<Progress.GroupLag> lags = Progress.of(snapshot).lags();
            context.out().println("Consumer groups (lag):" + (lags.isEmpty() ? " none yet" : ""));
            lags.forEach(lag -> context.out().printf(Locale.ROOT, "  %-48s %14s%n", lag.group(), lag.describe()));
        } catch (OffsetSampler.SampleException e) {
            context.out().println("Cannot read offsets: " + e.getMessage());
            return NOT_RUNNING;
        }
        return launcher.isPresent() ? 0 : NOT_RUNNING;
    }

    private static void printTopics(CommandContext context, OffsetSnapshot snapshot) {
        Map<String, long[]> byTopic = new TreeMap<>();
        for (Map.Entry<TopicPartition, Long> entry : snapshot.endOffsets().entrySet()) {
            long[] partitionsAndSum = byTopic.computeIfAbsent(entry.getKey().topic(), topic -> new long[2]);
            partitionsAndSum[0]++;
            partitionsAndSum[1] += entry.getValue();
        }
        context.out().println("Topics (partitions, sum of end offsets):");
        byTopic.forEach((topic, values) -> context.out().printf(Locale.ROOT, "  %-48s %3d %,14d%n", topic,
                values[0], values[1]));
    }
}
