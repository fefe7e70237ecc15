package dev.eddy.launcher.progress;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProgressTest {

    private static final TopicPartition CLICKS_0 = new TopicPartition("clickstream", 0);
    private static final TopicPartition CLICKS_1 = new TopicPartition("clickstream", 1);
    private static final TopicPartition ENRICHED_0 = new TopicPartition("clickstream.enriched", 0);
    private static final TopicPartition PAGE_VIEWS_0 = new TopicPartition("clickstream.windows.page-views-1m", 0);
    private static final TopicPartition SESSIONS_0 = new TopicPartition("clickstream.windows.sessions", 0);
    private static final TopicPartition DLQ_0 = new TopicPartition("clickstream.dlq", 0);

    @Test
    void ratesAreOffsetDifferencesPerSecondAndTotalsAreEndOffsetSums() {
        // 1. Two snapshots two seconds apart.
        OffsetSnapshot before = new OffsetSnapshot(10_000,
                Map.of(CLICKS_0, 100L, CLICKS_1, 50L, ENRICHED_0, 120L, PAGE_VIEWS_0, 7L, SESSIONS_0, 3L, DLQ_0, 1L),
                Map.of("eddy-lake-writer", Map.of(ENRICHED_0, 100L, PAGE_VIEWS_0, 5L)));
        OffsetSnapshot after = new OffsetSnapshot(12_000,
                Map.of(CLICKS_0, 300L, CLICKS_1, 250L, ENRICHED_0, 500L, PAGE_VIEWS_0, 17L, SESSIONS_0, 13L, DLQ_0, 5L),
                Map.of("eddy-lake-writer", Map.of(ENRICHED_0, 400L, PAGE_VIEWS_0, 15L)));

        // 2. Compute.
        Progress progress = Progress.between(before, after);

        // 3. Generated: (300 + 250) - (100 + 50) = 400 records in 2 s.
        assertStage(progress, "generated", 550, 200.0);
        assertStage(progress, "enriched", 500, 190.0);
        // Aggregated sums every window-result topic: (17 + 13) - (7 + 3) = 20 in 2 s.
        assertStage(progress, "aggregated", 30, 10.0);
        // Written to the lake: the lake writer group's committed offsets, (400 + 15) - (100 + 5) = 310 in 2 s.
        assertStage(progress, "written to lake", 415, 155.0);
        assertStage(progress, "dead letters", 5, 2.0);
        assertStage(progress, "late events", 0, 0.0);
    }

    @Test
    void lagIsEndMinusCommittedPerGroupSummedOverPartitions() {
        OffsetSnapshot snapshot = new OffsetSnapshot(1_000,
                Map.of(CLICKS_0, 300L, CLICKS_1, 250L, ENRICHED_0, 500L),
                Map.of("eddy-enricher", Map.of(CLICKS_0, 290L, CLICKS_1, 250L),
                        "eddy-aggregator", Map.of(ENRICHED_0, 100L),
                        // A commit past the end (a topic deleted and recreated) counts as no lag, not negative.
                        "stale", Map.of(CLICKS_0, 900L)));

        assertThat(Progress.of(snapshot).lags()).containsExactly(
                Progress.GroupLag.of("eddy-aggregator", 400),
                Progress.GroupLag.of("eddy-enricher", 10),
                Progress.GroupLag.of("stale", 0));
    }

    @Test
    void aGroupThatCommittedNothingHasNoLagFigureRatherThanZero() {
        OffsetSnapshot snapshot = new OffsetSnapshot(1_000, Map.of(ENRICHED_0, 500L),
                Map.of("eddy-lake-writer", Map.of()));

        Progress.GroupLag lag = Progress.of(snapshot).lags().get(0);
        assertThat(lag.lag()).isEmpty();
        assertThat(lag.describe()).isEqualTo("nothing committed yet");
    }

    @Test
    void firstSnapshotHasTotalsButNoRate() {
        Progress progress = Progress.of(new OffsetSnapshot(5_000, Map.of(CLICKS_0, 42L), Map.of()));

        Progress.Stage generated = stage(progress, "generated");
        assertThat(generated.total()).isEqualTo(42);
        assertThat(generated.perSecond()).isEmpty();
        assertThat(progress.lags()).isEmpty();
    }

    @Test
    void offsetsThatGoBackwardsGiveZeroRateNotANegativeOne() {
        OffsetSnapshot before = new OffsetSnapshot(0, Map.of(CLICKS_0, 1_000L), Map.of());
        OffsetSnapshot after = new OffsetSnapshot(1_000, Map.of(CLICKS_0, 10L), Map.of());

        assertStage(Progress.between(before, after), "generated", 10, 0.0);
    }

    @Test
    void groupsOtherThanTheLakeWritersDoNotCountAsWrittenToTheLake() {
        OffsetSnapshot before = new OffsetSnapshot(0, Map.of(ENRICHED_0, 10L),
                Map.of("eddy-aggregator", Map.of(ENRICHED_0, 0L)));
        OffsetSnapshot after = new OffsetSnapshot(1_000, Map.of(ENRICHED_0, 10L),
                Map.of("eddy-aggregator", Map.of(ENRICHED_0, 10L)));

        assertStage(Progress.between(before, after), "written to lake", 0, 0.0);
    }

    private static void assertStage(Progress progress, String name, long total, double perSecond) {
        Progress.Stage stage = stage(progress, name);
        assertThat(stage.total()).as(name + " total").isEqualTo(total);
        assertThat(stage.perSecond()).as(name + " rate").isPresent();
        assertThat(stage.perSecond().getAsDouble()).as(name + " rate").isCloseTo(perSecond, within(1e-9));
    }

    private static Progress.Stage stage(Progress progress, String name) {
        return progress.stages().stream().filter(stage -> stage.name().equals(name)).findFirst().orElseThrow();
    }
}
