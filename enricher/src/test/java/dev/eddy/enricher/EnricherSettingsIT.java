package dev.eddy.enricher;

import dev.eddy.testing.KafkaBrokers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A bad setting stops the packaged service at start, with a message that names the key. */
class EnricherSettingsIT {

    @TempDir
    Path stateDir;

    @ParameterizedTest
    @CsvSource({
            "eddy.enricher.user-history-retention, PT0S",
            "eddy.enricher.user-history-retention, an hour",
            "eddy.enricher.replication-factor, 0",
            "eddy.enricher.latest-users-per-task, -1"})
    void aBadSettingFailsTheStartNamingTheKey(String key, String value) throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("enricher-settings-it.log");
        Files.deleteIfExists(log);
        EnricherProcess process = EnricherProcess.start(KafkaBrokers.shared().bootstrapServers(), stateDir, log,
                key + "=" + value);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> !process.isAlive());
            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains(key);
        } finally {
            process.close();
        }
    }
}
