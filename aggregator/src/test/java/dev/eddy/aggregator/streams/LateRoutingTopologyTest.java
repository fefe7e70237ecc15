package dev.eddy.aggregator.streams;

import dev.eddy.aggregator.support.TopologyHarness;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.Topics;
import dev.eddy.events.UserActivityWindow;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.eddy.aggregator.support.TestClicks.T0;
import static dev.eddy.aggregator.support.TestClicks.atSeconds;
import static dev.eddy.aggregator.support.TestClicks.click;
import static org.assertj.core.api.Assertions.assertThat;

/** Grace periods, and what happens to records later than grace: counted, routed, never silently dropped. */
class LateRoutingTopologyTest {

    private static final long MIN = 60_000;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(TestSettings.withGrace10s());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRecordWithinGraceStillCountsInItsWindow() {
        // 1. Stream time 00:01:05; window [0, 1m) closes at 00:01:10.
        harness.send(click(1, atSeconds(20), "/a"), click(2, atSeconds(65), "/a"));

        // 2. An out-of-order click for 00:00:59 arrives within grace: it counts.
        harness.send(click(1, atSeconds(59), "/a"));

        // 3. Close the window: user 1 has both clicks; nothing went to the late topic.
        harness.send(click(2, atSeconds(200), "/a"));
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class))
                .contains(new UserActivityWindow(1, T0, T0 + MIN, 2));
        assertThat(harness.lateRecords()).isEmpty();
        assertThat(harness.counter("eddy.aggregator.late.records", "window", StoreNames.USER_ACTIVITY)).isZero();
    }

    @Test
    void aRecordBeyondGraceGoesToTheLateTopicWithTheWindowThatRejectedItAndIsCounted() {
        // 1. Stream time reaches 00:02:20: windows ending at or before 00:02:10 are closed.
        harness.send(click(1, atSeconds(10), "/a"), click(2, atSeconds(140), "/b"));
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class)).containsExactly(
                new UserActivityWindow(1, T0, T0 + MIN, 1));

        // 2. A click of user 1 for 00:00:50 (window [0, 1m), closed) arrives late.
        EnrichedClick late = click(1, atSeconds(50), "/a");
        harness.send(late);

        // 3. It is routed once per window that rejected it, keyed by user, with the window in a header: the 1-minute
        //    windows, and the 5-minute windows (the earliest one containing 00:00:50, [-4m, 1m), is closed). Sessions
        //    (grace 5 min) still accept it.
        List<TestRecord<String, EnrichedClick>> routed = harness.lateRecords();
        assertThat(routed).extracting(TestRecord::key).containsOnly("1");
        assertThat(routed).extracting(TestRecord::value).containsOnly(late);
        assertThat(routed).extracting(record -> new String(record.headers().lastHeader(LateEventHeaders.WINDOW).value(),
                StandardCharsets.UTF_8)).containsExactlyInAnyOrder(StoreNames.USER_ACTIVITY, StoreNames.PAGE_VIEWS_1M,
                StoreNames.PAGE_VIEWS_5M, StoreNames.SEGMENTS, StoreNames.ERRORS);
        assertThat(routed).allSatisfy(record -> assertThat(new String(record.headers()
                .lastHeader(LateEventHeaders.STREAM_TIME).value(), StandardCharsets.UTF_8))
                .isEqualTo(Long.toString(atSeconds(140))));

        // 4. The metric counts it per window.
        assertThat(harness.counter("eddy.aggregator.late.records", "window", StoreNames.USER_ACTIVITY)).isEqualTo(1);
        assertThat(harness.counter("eddy.aggregator.late.records", "window", StoreNames.PAGE_VIEWS_5M)).isEqualTo(1);
        assertThat(harness.counter("eddy.aggregator.late.records", "window", StoreNames.SESSIONS)).isZero();

        // 5. The emitted window is not emitted again, and Kafka Streams dropped nothing on its own: the gate's
        //    verdict and the store's agree.
        harness.send(click(2, atSeconds(400), "/b"));
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class))
                .noneMatch(window -> window.windowStart() == T0);
        assertThat(harness.droppedByKafkaStreams()).isZero();
    }

    @Test
    void aViewLateForItsEarliestHoppingWindowIsRejectedFromAllOfThem() {
        // 1. Stream time 00:05:20 (grace 10 s): the 5-minute window [-4m, 1m) ... [0, 5m) closed at 00:05:10.
        harness.send(click(1, atSeconds(320), "/a"));

        // 2. A view at 00:00:30 belongs to windows [-4m,1m) .. [0,5m): the earliest is closed, so it counts in none.
        harness.send(click(1, atSeconds(30), "/a"));
        assertThat(harness.lateRecords()).extracting(record -> new String(record.headers()
                .lastHeader(LateEventHeaders.WINDOW).value(), StandardCharsets.UTF_8)).contains(StoreNames.PAGE_VIEWS_5M);
        assertThat(harness.counter("eddy.aggregator.late.records", "window", StoreNames.PAGE_VIEWS_5M)).isEqualTo(1);
        assertThat(harness.droppedByKafkaStreams()).isZero();
    }
}
