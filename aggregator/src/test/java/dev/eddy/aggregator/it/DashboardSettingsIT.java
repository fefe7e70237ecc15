package dev.eddy.aggregator.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A bad dashboard setting stops the packaged aggregator at start, naming the key (before any broker is needed). */
class DashboardSettingsIT {

    @Test
    void badIntervalStopsTheServiceNamingTheKey() throws Exception {
        Path workDir = Files.createDirectories(Path.of("target", "dashboard-settings-it-" + System.nanoTime()));
        try (AggregatorProcess aggregator = AggregatorProcess.start("bad-interval", workDir, Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "eddy.aggregator.dashboard.interval", "10ms"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !aggregator.isAlive());
            assertThat(Files.readString(aggregator.log()))
                    .contains("eddy.aggregator.dashboard.interval must be between 200ms and 60s, was PT0.01S");
        }
    }
}
