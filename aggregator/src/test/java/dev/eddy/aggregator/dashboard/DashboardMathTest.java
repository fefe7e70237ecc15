package dev.eddy.aggregator.dashboard;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of the snapshot: session length buckets and their merge, stage rates, settings checks. */
class DashboardMathTest {

    @Test
    void sessionsFallIntoTheirLengthBucketAndActiveOnesAreCounted() {
        // 1. Lengths 0 (single click), 59 s, 60 s, 29m59s, 30 min; the last two ended at or after "active since".
        SessionLengths lengths = SessionLengths.empty()
                .plus(1_000, 1_000, 5_000)
                .plus(0, 59_000, 5_000)
                .plus(0, 60_000, 5_000)
                .plus(0, 1_799_000, 1_799_000)
                .plus(0, 1_800_000, 1_799_000);

        // 2. One per bucket but 15-30 min (29m59s) and >= 30 min, none in 5-15 min.
        assertThat(lengths.lengths()).extracting(SessionLengths.Bucket::count).containsExactly(1L, 1L, 1L, 0L, 1L, 1L);
        assertThat(lengths.sessions()).isEqualTo(5);
        assertThat(lengths.active()).isEqualTo(4);
    }

    @Test
    void partsOfDifferentPartitionsAddUp() {
        SessionLengths a = SessionLengths.empty().plus(0, 0, 0).plus(0, 120_000, 0);
        SessionLengths b = SessionLengths.empty().plus(0, 0, 1);
        SessionLengths merged = a.merge(b);
        assertThat(merged.lengths()).extracting(SessionLengths.Bucket::count).containsExactly(2L, 0L, 1L, 0L, 0L, 0L);
        assertThat(merged.sessions()).isEqualTo(3);
        assertThat(merged.active()).isEqualTo(2);
    }

    @Test
    void rateIsOffsetsPerSecondAndUnknownWithoutTwoGoodSamples() {
        assertThat(StageRates.rate(1_000L, 10_000, 3_000L, 12_000)).isEqualTo(1_000.0);
        assertThat(StageRates.rate(null, 10_000, 3_000L, 12_000)).isNull();
        assertThat(StageRates.rate(1_000L, 12_000, 3_000L, 12_000)).isNull();
        // Offsets going backwards means the topic was recreated: no negative rate.
        assertThat(StageRates.rate(5_000L, 10_000, 3_000L, 12_000)).isNull();
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> new DashboardSettings(Duration.ofMillis(50), Duration.ofMinutes(30), 10, "e", "l"))
                .hasMessageContaining("eddy.aggregator.dashboard.interval");
        assertThatThrownBy(() -> new DashboardSettings(Duration.ofSeconds(1), Duration.ofHours(7), 10, "e", "l"))
                .hasMessageContaining("eddy.aggregator.dashboard.history");
        assertThatThrownBy(() -> new DashboardSettings(Duration.ofSeconds(1), Duration.ofMinutes(30), 0, "e", "l"))
                .hasMessageContaining("eddy.aggregator.dashboard.latest-records");
        assertThatThrownBy(() -> new DashboardSettings(Duration.ofSeconds(1), Duration.ofMinutes(30), 10, " ", "l"))
                .hasMessageContaining("eddy.aggregator.dashboard.enricher-group");
    }
}
