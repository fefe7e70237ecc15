package dev.eddy.e2e.faults;

import dev.eddy.e2e.check.BadInput;
import dev.eddy.e2e.check.PipelineVerifier;
import dev.eddy.e2e.pipeline.GeneratorStatus;
import dev.eddy.e2e.pipeline.Pipeline;
import dev.eddy.e2e.pipeline.PipelineSettings;
import dev.eddy.launcher.services.EddyService;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The fault-injection run (bench/faults/run.sh): the whole pipeline with a real-time generator run, every stream
 * service SIGKILLed at random moments several times and restarted, the broker process killed and restarted, bad
 * input mixed in; afterwards the aggregates and the lake must still equal the ground truth exactly.
 */
public final class FaultInjection {

    /** What to run. */
    public record Options(long events, int rate, int killsPerService, int brokerRestarts, long seed, Path workDir,
                          Duration verifyTimeout) {
    }

    private final Options options;
    private final PrintStream out;

    public FaultInjection(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> flags = Flags.parse(args, List.of("--events", "--rate", "--kills", "--broker-restarts",
                "--seed", "--work-dir"));
        Path workDir = flags.containsKey("--work-dir") ? Path.of(flags.get("--work-dir"))
                : Files.createTempDirectory("eddy-faults-");
        Options options = new Options(Long.parseLong(flags.getOrDefault("--events", "60000")),
                Integer.parseInt(flags.getOrDefault("--rate", "400")),
                Integer.parseInt(flags.getOrDefault("--kills", "3")),
                Integer.parseInt(flags.getOrDefault("--broker-restarts", "1")),
                Long.parseLong(flags.getOrDefault("--seed", Long.toString(System.nanoTime() % 100_000))),
                workDir, Duration.ofMinutes(10));
        try {
            new FaultInjection(options, System.out).run();
            System.out.println("PASS: aggregates and lake equal the ground truth after every fault (" + workDir + ")");
        } catch (AssertionError | RuntimeException e) {
            System.out.println("FAIL: " + e.getMessage());
            System.out.println("logs of every process: " + workDir.resolve("logs"));
            System.exit(1);
        }
    }

    public void run() {
        Duration runLength = Duration.ofMillis(options.events() * 1000 / options.rate());
        FaultPlan plan = FaultPlan.random(options.seed(), runLength, options.killsPerService(),
                options.brokerRestarts());
        PipelineSettings base = PipelineSettings.small(PipelineSettings.findRepository(Path.of("")),
                options.workDir());
        // Graces longer than the run's whole event-time span: a restarted service catches up on a backlog, and
        // nothing it replays may count as late (the truth counts every click).
        PipelineSettings settings = new PipelineSettings(base.repository(), base.workDir(), base.partitions(),
                base.seed(), base.startTime(), options.events(), options.rate(), true, 200, base.sessionGap(),
                base.maxLateness(), Duration.ofMinutes(30).plus(runLength), base.serviceJavaOptions(), Map.of());
        out.printf("fault injection: %d clicks at %d/s (%d s), seed %d, %d faults, work dir %s%n", options.events(),
                options.rate(), runLength.toSeconds(), options.seed(), plan.faults().size(), options.workDir());
        plan.faults().forEach(f -> out.printf("  at %5.1f s: %s (down %d ms)%n", f.after().toMillis() / 1000.0,
                f.target(), f.downtime().toMillis()));
        List<BadInput> badInput = BadInput.injected();
        try (Pipeline pipeline = Pipeline.startBroker(settings)) {
            pipeline.start(EddyService.ENRICHER);
            pipeline.start(EddyService.AGGREGATOR);
            pipeline.start(EddyService.LAKE_WRITER);
            pipeline.start(EddyService.GENERATOR);
            Instant start = Instant.now();
            boolean injected = false;
            for (FaultPlan.Fault fault : plan.faults()) {
                waitUntil(start.plus(fault.after()));
                if (!injected) {
                    // Bad input arrives mid-run, between two faults, while the services are busy.
                    PipelineVerifier.inject(pipeline.bootstrapServers(), badInput);
                    injected = true;
                }
                Instant t = Instant.now();
                if (fault.service().isPresent()) {
                    pipeline.kill(fault.service().get());
                    pause(fault.downtime());
                    pipeline.start(fault.service().get());
                } else {
                    pipeline.restartBroker(true, fault.downtime());
                }
                out.printf("  %6.1f s: killed and restarted %s (back in %d ms)%n",
                        Duration.between(start, t).toMillis() / 1000.0, fault.target(),
                        Duration.between(t, Instant.now()).toMillis());
            }
            if (!injected) {
                PipelineVerifier.inject(pipeline.bootstrapServers(), badInput);
            }
            GeneratorStatus.awaitDone(pipeline.baseUrl(EddyService.GENERATOR), runLength.plus(Duration.ofMinutes(5)));
            out.println("generator done; verifying");
            new PipelineVerifier(pipeline, out, options.verifyTimeout()).verify(badInput);
            List<String> exits = pipeline.unexpectedExits();
            if (!exits.isEmpty()) {
                throw new AssertionError("services died on their own: " + exits);
            }
        }
    }

    /** Waits for a moment of the fault schedule (a schedule, not a synchronisation). */
    private static void waitUntil(Instant moment) {
        while (Instant.now().isBefore(moment)) {
            LockSupport.parkNanos(Duration.between(Instant.now(), moment).toNanos());
        }
    }

    private static void pause(Duration duration) {
        waitUntil(Instant.now().plus(duration));
    }
}
