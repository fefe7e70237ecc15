package dev.eddy.aggregator.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static dev.eddy.aggregator.support.TestClicks.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store task of a pre-aggregated dimension with two input partitions whose partials and watermarks interleave in
 * any order (what a replayed backlog produces): nothing is lost or judged late, and a window is emitted once, when
 * the slower input partition has passed it.
 */
class WindowCloserTest {

    private static final long MIN = 60_000;
    private static final Dimension PAGES = new Dimension(StoreNames.PAGE_VIEWS_1M, StoreNames.BY_PAGE_1M,
            TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)), click -> click.page(), false);

    private final List<ClosedWindow<Long>> closed = new ArrayList<>();
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Contribution> partials;

    @BeforeEach
    void start() throws Exception {
        // The store task alone, fed by a topic of partials and watermarks as the repartition topic would feed it.
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("partials", Consumed.with(Serdes.String(), new ContributionSerde()))
                .process(WindowCloser.supplier(PAGES, WindowMerge.COUNT, Serdes.Long(), Duration.ofHours(6), () -> 2))
                .foreach((page, window) -> closed.add(window));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "window-closer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(builder.build(), props);
        partials = driver.createInputTopic("partials", new StringSerializer(), new ContributionSerde().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aWindowClosesOnceEveryInputPartitionHasPassedItAndInterleavingLosesNothing() {
        // 1. Partition 1 is ahead: its partial for minute 1 arrives before partition 0's partial for minute 0.
        partial("/a", T0 + MIN, 2);
        partial("/a", T0, 3);
        partial("/b", T0, 1);

        // 2. Partition 0 has passed minute 1, partition 1 has not reported: nothing is final.
        watermark(0, T0 + 2 * MIN);
        assertThat(emitted()).isEmpty();

        // 3. Partition 1 passes minute 0 only: minute 0 closes, with every partial, once.
        watermark(1, T0 + MIN);
        assertThat(emitted()).containsExactlyInAnyOrder(
                new ClosedWindow<>("/a", T0, T0 + MIN, 3L),
                new ClosedWindow<>("/b", T0, T0 + MIN, 1L));

        // 4. A partial for minute 1, which is still open for partition 1, still counts; an old watermark changes
        //    nothing.
        partial("/a", T0 + MIN, 1);
        watermark(0, T0 + MIN);
        assertThat(emitted()).isEmpty();

        // 5. Partition 1 passes minute 1: it closes with all three views.
        watermark(1, T0 + 5 * MIN);
        assertThat(emitted()).containsExactly(new ClosedWindow<>("/a", T0 + MIN, T0 + 2 * MIN, 3L));
    }

    private void partial(String page, long pane, long views) {
        partials.pipeInput(page, Contribution.partial(pane, views, null, null, null), pane);
    }

    private void watermark(int partition, long time) {
        partials.pipeInput(WatermarkPartitioner.WATERMARK_KEY, Contribution.watermark(partition, time), time);
    }

    private List<ClosedWindow<Long>> emitted() {
        List<ClosedWindow<Long>> values = List.copyOf(closed);
        closed.clear();
        return values;
    }
}
