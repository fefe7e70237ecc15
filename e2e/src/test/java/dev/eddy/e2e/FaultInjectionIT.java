package dev.eddy.e2e;

import dev.eddy.e2e.faults.FaultInjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The short fault-injection run: one SIGKILL of each stream service and one broker kill-and-restart during a
 * real-time run, then the aggregates and the lake equal the ground truth. It takes several minutes on a 2-core
 * machine, so it runs only with {@code -Pfaults} (which sets {@code eddy.e2e.faults=true}); the long run is
 * {@code bench/faults/run.sh}.
 */
@EnabledIfSystemProperty(named = "eddy.e2e.faults", matches = "true")
class FaultInjectionIT {

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aggregatesAndLakeEqualTheTruthAfterKillsAndABrokerRestart() throws IOException {
        Path workDir = WorkDir.fresh(Path.of("target", "faults-run"));
        new FaultInjection(new FaultInjection.Options(12_000, 200, 1, 1, 7L, workDir, Duration.ofMinutes(4)),
                System.out).run();
    }
}
