package dev.eddy.generator.run;

import dev.eddy.generator.config.GeneratorConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a start-time, a run starts now, unless it is a bounded flat-out run: that one ends now instead. */
class DefaultStartTimeTest {

    private static final long NOW = 1_795_300_000_000L;

    private static GeneratorConfig load(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(GeneratorConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(GeneratorConfig.class);
    }

    @Test
    void realTimeRunsStartNow() {
        assertThat(GeneratorService.defaultStartTime(load(Map.of("eddy.generator.max-events", "60000")), NOW))
                .isEqualTo(NOW);
    }

    @Test
    void unboundedFlatOutRunsStartNow() {
        assertThat(GeneratorService.defaultStartTime(load(Map.of(
                "eddy.generator.pacing", "as-fast-as-possible")), NOW)).isEqualTo(NOW);
    }

    @Test
    void boundedFlatOutRunsEndNowSoNoClickIsDatedInTheFuture() {
        // 60,000 clicks at 1,000 simulated clicks/s span 60 simulated seconds.
        GeneratorConfig config = load(Map.of("eddy.generator.pacing", "as-fast-as-possible",
                "eddy.generator.max-events", "60000", "eddy.generator.rate", "1000"));
        assertThat(GeneratorService.defaultStartTime(config, NOW)).isEqualTo(NOW - 60_000L);
    }
}
