package dev.eddy.aggregator.streams;

import dev.eddy.aggregator.config.WindowSettings;

import java.time.Duration;

/** Window settings for topology tests: production sizes, short graces so tests stay readable. */
final class TestSettings {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration GRACE = Duration.ofSeconds(10);

    private TestSettings() {
    }

    static WindowSettings withGrace10s() {
        return new WindowSettings(MINUTE, GRACE, MINUTE, GRACE, Duration.ofMinutes(5), MINUTE, GRACE,
                Duration.ofMinutes(5), Duration.ofMinutes(5), MINUTE, GRACE, 3, MINUTE, GRACE, Duration.ofHours(6));
    }
}
