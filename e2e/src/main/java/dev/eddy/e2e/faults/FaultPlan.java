package dev.eddy.e2e.faults;

import dev.eddy.launcher.services.EddyService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * When to hit what: {@code killsPerService} SIGKILLs of each stream service and {@code brokerRestarts} broker
 * restarts at seeded random moments inside a run of length {@code runLength}, so a failing schedule can be replayed.
 *
 * <p>The generator is not in the plan: it is the outside world whose output is the ground truth. A killed generator
 * restarts its seeded run from the first click (it has no resume), which re-sends what it already sent; the truth
 * would then no longer describe the input. See docs/testing.md.
 */
public record FaultPlan(List<Fault> faults) {

    /** One fault: at {@code after} from the start of the run, kill {@code service} (empty: the broker). */
    public record Fault(Duration after, Optional<EddyService> service, Duration downtime) {

        public String target() {
            return service.map(EddyService::id).orElse("kafka broker");
        }
    }

    public static final List<EddyService> TARGETS = List.of(EddyService.ENRICHER, EddyService.AGGREGATOR,
            EddyService.LAKE_WRITER);

    public static FaultPlan random(long seed, Duration runLength, int killsPerService, int brokerRestarts) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        long from = runLength.toMillis() / 10;
        long span = runLength.toMillis() * 8 / 10;
        for (EddyService service : TARGETS) {
            for (int i = 0; i < killsPerService; i++) {
                faults.add(new Fault(Duration.ofMillis(from + (long) (random.nextDouble() * span)),
                        Optional.of(service), Duration.ofMillis(random.nextInt(3000))));
            }
        }
        for (int i = 0; i < brokerRestarts; i++) {
            faults.add(new Fault(Duration.ofMillis(from + (long) (random.nextDouble() * span)), Optional.empty(),
                    Duration.ofMillis(random.nextInt(3000))));
        }
        faults.sort(Comparator.comparing(Fault::after));
        return new FaultPlan(List.copyOf(faults));
    }
}
