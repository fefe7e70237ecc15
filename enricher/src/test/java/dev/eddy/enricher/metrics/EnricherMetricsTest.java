package dev.eddy.enricher.metrics;

import dev.eddy.events.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The click counters are sums over the processors' own counts, and keep what a closed processor counted. */
class EnricherMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EnricherMetrics metrics = new EnricherMetrics(registry);

    @Test
    void sumsEveryProcessorsCountsAndKeepsThoseOfClosedProcessors() {
        EnricherMetrics.ClickCounts first = metrics.clickCounts();
        EnricherMetrics.ClickCounts second = metrics.clickCounts();
        first.clickIn();
        first.joined();
        second.clickIn();
        second.clickIn();
        second.anonymous();
        second.unknownUser();

        assertCounts(3, 1, 1, 1);

        // A task moves away: its processor closes (twice does no harm), its counts stay in the sums.
        second.close();
        second.close();
        assertCounts(3, 1, 1, 1);

        // Its successor counts from zero, on top.
        EnricherMetrics.ClickCounts successor = metrics.clickCounts();
        successor.clickIn();
        successor.joined();
        assertCounts(4, 2, 1, 1);
    }

    private void assertCounts(double clicksIn, double hits, double anonymous, double unknownUser) {
        assertThat(count(registry.get(EnricherMetrics.RECORDS_IN).tag("topic", Topics.CLICKS).functionCounter()))
                .isEqualTo(clicksIn);
        assertThat(count(registry.get(EnricherMetrics.JOIN_HITS).functionCounter())).isEqualTo(hits);
        assertThat(count(registry.get(EnricherMetrics.JOIN_MISSES).tag("cause", "anonymous").functionCounter()))
                .isEqualTo(anonymous);
        assertThat(count(registry.get(EnricherMetrics.JOIN_MISSES).tag("cause", "unknown_user").functionCounter()))
                .isEqualTo(unknownUser);
        assertThat(count(registry.get(EnricherMetrics.RECORDS_OUT).functionCounter()))
                .isEqualTo(hits + anonymous + unknownUser);
    }

    private static double count(FunctionCounter counter) {
        return counter.count();
    }
}
