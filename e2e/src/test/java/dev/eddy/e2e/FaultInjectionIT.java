package dev.eddy.e2e;

import dev.eddy.e2e.faults.FaultInjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The short fault-injection run, part of {@code ./mvnw verify}: one SIGKILL of each stream service and one broker
 * kill-and-restart during a one-minute real-time run, then the aggregates, the lake and the books equal the ground
 * truth. About four minutes on a 2-core machine; the long run is {@code bench/faults/run.sh}.
 */
class FaultInjectionIT {

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aggregatesAndLakeEqualTheTruthAfterKillsAndABrokerRestart() throws IOException {
        Path workDir = WorkDir.fresh(Path.of("target", "faults-run"));
        new FaultInjection(new FaultInjection.Options(12_000, 200, 1, 1, 7L, workDir, Duration.ofMinutes(4)),
                System.out).run();
    }
}
