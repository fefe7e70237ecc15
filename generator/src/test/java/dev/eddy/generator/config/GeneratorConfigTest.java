package dev.eddy.generator.config;

import dev.eddy.generator.simulation.SimulationSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The configuration path without Quarkus around it: SmallRye Config with the {@link GeneratorConfig} mapping, as
 * Quarkus builds it at start, then {@link SettingsMapper}.
 */
class GeneratorConfigTest {

    private static GeneratorConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GeneratorConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(GeneratorConfig.class);
    }

    private static SimulationSettings settings(Map<String, String> properties) {
        return SettingsMapper.toSettings(load(properties), 1, 1_767_225_600_000L);
    }

    @Test
    void defaultsMakeAValidSimulation() {
        GeneratorConfig config = load(Map.of());
        SimulationSettings settings = SettingsMapper.toSettings(config, 5, 1_767_225_600_000L);

        assertThat(config.autostart()).isTrue();
        assertThat(config.pacing()).isEqualTo(GeneratorConfig.Pacing.REAL_TIME);
        assertThat(config.seed()).isEmpty();
        assertThat(settings.eventsPerSecond()).isEqualTo(200);
        assertThat(settings.sessionGapMillis()).isEqualTo(30 * 60_000);
        assertThat(settings.maxLatenessMillis()).isEqualTo(60_000);
        assertThat(settings.bounded()).isFalse();
        assertThat(settings.groundTruth()).isTrue();
        assertThat(settings).isEqualTo(SimulationSettings.defaults(5, 1_767_225_600_000L).build());
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> p = new HashMap<>();
        p.put("eddy.generator.seed", "99");
        p.put("eddy.generator.rate", "1500.5");
        p.put("eddy.generator.pacing", "as-fast-as-possible");
        p.put("eddy.generator.start-time", "2026-03-01T12:00:00Z");
        p.put("eddy.generator.max-events", "1000");
        p.put("eddy.generator.users.initial", "10");
        p.put("eddy.generator.users.registrations-per-hour", "5");
        p.put("eddy.generator.users.changes-per-hour", "6");
        p.put("eddy.generator.anonymous-share", "0.3");
        p.put("eddy.generator.bot-share", "0.1");
        p.put("eddy.generator.late-fraction", "0.02");
        p.put("eddy.generator.max-lateness", "PT2M");
        p.put("eddy.generator.out-of-order-fraction", "0.2");
        p.put("eddy.generator.out-of-order-max-delay", "500ms");
        p.put("eddy.generator.session-gap", "10m");
        p.put("eddy.generator.think-time.mean", "5s");
        p.put("eddy.generator.think-time.max", "2m");
        p.put("eddy.generator.daily-shape.enabled", "true");
        p.put("eddy.generator.daily-shape.zone", "Europe/Paris");
        p.put("eddy.generator.ground-truth.enabled", "false");
        p.put("eddy.generator.autostart", "false");
        GeneratorConfig config = load(p);
        SimulationSettings s = SettingsMapper.toSettings(config, config.seed().orElseThrow(),
                config.startTime().orElseThrow().toEpochMilli());

        assertThat(config.pacing()).isEqualTo(GeneratorConfig.Pacing.AS_FAST_AS_POSSIBLE);
        assertThat(config.autostart()).isFalse();
        assertThat(s).isEqualTo(new SimulationSettings(99, 1_772_366_400_000L, 1500.5, 1000, 10, 5, 6, 0.3, 0.1,
                0.02, 120_000, 0.2, 500, 600_000, 5_000, 120_000, true, ZoneId.of("Europe/Paris"), false));
    }

    @Test
    void aMisspeltKeyFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("eddy.generator.rat", "500")))
                .hasMessageContaining("eddy.generator.rat");
        assertThatThrownBy(() -> load(Map.of("eddy.generator.users.intial", "5")))
                .hasMessageContaining("eddy.generator.users.intial");
    }

    @Test
    void aValueOfTheWrongTypeFailsNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("eddy.generator.rate", "fast")))
                .hasMessageContaining("eddy.generator.rate");
        assertThatThrownBy(() -> load(Map.of("eddy.generator.session-gap", "half an hour")))
                .hasMessageContaining("eddy.generator.session-gap");
        assertThatThrownBy(() -> load(Map.of("eddy.generator.pacing", "warp-speed")))
                .hasMessageContaining("eddy.generator.pacing");
        assertThatThrownBy(() -> load(Map.of("eddy.generator.start-time", "yesterday")))
                .hasMessageContaining("eddy.generator.start-time");
    }

    @Test
    void outOfRangeValuesFailNamingEveryKey() {
        assertThatThrownBy(() -> settings(Map.of(
                "eddy.generator.rate", "0",
                "eddy.generator.late-fraction", "1.5",
                "eddy.generator.anonymous-share", "-0.1",
                "eddy.generator.max-events", "0")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("eddy.generator.rate: must be > 0")
                .hasMessageContaining("eddy.generator.late-fraction: must be between 0 and 1, was 1.5")
                .hasMessageContaining("eddy.generator.anonymous-share: must be between 0 and 1, was -0.1")
                .hasMessageContaining("eddy.generator.max-events: must be > 0");
    }

    @Test
    void settingsThatContradictEachOtherFailNamingTheKeys() {
        assertThatThrownBy(() -> settings(Map.of("eddy.generator.think-time.max", "45m")))
                .hasMessageContaining("eddy.generator.think-time.max: must be shorter than eddy.generator.session-gap");
        assertThatThrownBy(() -> settings(Map.of("eddy.generator.max-lateness", "1s")))
                .hasMessageContaining("eddy.generator.max-lateness: must be longer than "
                        + "eddy.generator.out-of-order-max-delay");
        assertThatThrownBy(() -> settings(Map.of("eddy.generator.anonymous-share", "0.7",
                "eddy.generator.bot-share", "0.4")))
                .hasMessageContaining("eddy.generator.anonymous-share + eddy.generator.bot-share");
        assertThatThrownBy(() -> settings(Map.of("eddy.generator.session-gap", "0s")))
                .hasMessageContaining("eddy.generator.session-gap: must be at least 1ms");
    }
}
