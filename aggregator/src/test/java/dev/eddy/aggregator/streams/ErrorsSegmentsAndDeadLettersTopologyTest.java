package dev.eddy.aggregator.streams;

import dev.eddy.aggregator.support.TopologyHarness;
import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.ErrorAlert;
import dev.eddy.events.ErrorRateWindow;
import dev.eddy.events.SegmentActivityWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import dev.eddy.events.UserActivityWindow;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.eddy.aggregator.support.TestClicks.T0;
import static dev.eddy.aggregator.support.TestClicks.atSeconds;
import static dev.eddy.aggregator.support.TestClicks.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Errors per status with the alert threshold (3 here), activity per segment, and undecodable input. */
class ErrorsSegmentsAndDeadLettersTopologyTest {

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
    void errorsPerStatusPerMinuteAndAnAlertAtTheThreshold() {
        // 1. Minute 0: three 404s, one 500, two 200s. Minute 1: two 404s.
        harness.send(
                click(1, atSeconds(1), "/a", 404), click(2, atSeconds(2), "/a", 404), click(3, atSeconds(3), "/b", 404),
                click(1, atSeconds(4), "/a", 500), click(1, atSeconds(5), "/a", 200), click(2, atSeconds(6), "/a", 302),
                click(1, atSeconds(61), "/a", 404), click(2, atSeconds(62), "/a", 404));

        // 2. Close both minutes.
        harness.send(click(1, atSeconds(600), "/a", 200));

        // 3. Error counts per status; only status >= 400 counts.
        assertThat(harness.values(Topics.ERRORS_1M, ErrorRateWindow.class)).containsExactlyInAnyOrder(
                new ErrorRateWindow(404, T0, T0 + MIN, 3),
                new ErrorRateWindow(500, T0, T0 + MIN, 1),
                new ErrorRateWindow(404, T0 + MIN, T0 + 2 * MIN, 2));

        // 4. One alert: 404 reached the threshold of 3 in minute 0; 2 in minute 1 is below it.
        assertThat(harness.values(Topics.ERROR_ALERTS, ErrorAlert.class)).containsExactly(
                new ErrorAlert(404, T0, T0 + MIN, 3, 3));
        assertThat(harness.counter("eddy.aggregator.alerts.emitted")).isEqualTo(1);
    }

    @Test
    void activityPerCityAndLevelCountsUnknownUsersUnderUnknown() {
        // 1. Two London/Gold users (one twice), a Paris/Silver user, an unknown user and an anonymous click.
        harness.send(
                click(1, atSeconds(1), "/a", 200, "London", "Gold"),
                click(1, atSeconds(2), "/b", 200, "London", "Gold"),
                click(2, atSeconds(3), "/a", 200, "London", "Gold"),
                click(3, atSeconds(4), "/a", 200, "Paris", "Silver"),
                click(40, atSeconds(5), "/a", 200, null, null),
                click(-1, atSeconds(6), "/a", 200, null, null));

        // 2. Close the minute.
        harness.send(click(1, atSeconds(600), "/a", 200, "London", "Gold"));

        // 3. Events and distinct known users per segment.
        assertThat(harness.values(Topics.SEGMENT_ACTIVITY_1M, SegmentActivityWindow.class)).containsExactlyInAnyOrder(
                new SegmentActivityWindow("London", "Gold", T0, T0 + MIN, 3, 2),
                new SegmentActivityWindow("Paris", "Silver", T0, T0 + MIN, 1, 1),
                new SegmentActivityWindow("unknown", "unknown", T0, T0 + MIN, 2, 1));
    }

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicWithTheirBytesAndTheStreamGoesOn() {
        // 1. Malformed JSON, a click missing its page, and a click published under another user's key.
        byte[] malformed = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] missingPage = ("{\"userid\":1,\"_time\":" + atSeconds(1) + ",\"request\":\"GET / HTTP/1.1\","
                + "\"status\":200}").getBytes(StandardCharsets.UTF_8);
        byte[] wrongKey = dev.eddy.events.EventSerdes.enrichedClick().serialize(Topics.ENRICHED,
                click(2, atSeconds(2), "/a"));
        harness.sendRaw("1", malformed);
        harness.sendRaw("1", missingPage);
        harness.sendRaw("7", wrongKey);

        // 2. A good click after them is aggregated as usual.
        harness.send(click(1, atSeconds(3), "/a"), click(1, atSeconds(600), "/a"));
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class))
                .containsExactly(new UserActivityWindow(1, T0, T0 + MIN, 1));

        // 3. The dead letters carry the original bytes and say why, where from and which stage.
        List<TestRecord<byte[], byte[]>> dead = harness.rawRecords(Topics.DEAD_LETTERS);
        assertThat(dead).extracting(TestRecord::value).containsExactly(malformed, missingPage, wrongKey);
        List<DeadLetterHeaders> headers = dead.stream()
                .map(record -> DeadLetterHeaders.readFrom(record.headers()).orElseThrow()).toList();
        assertThat(headers).extracting(DeadLetterHeaders::reason)
                .containsExactly("malformed_json", "missing_field", "invalid_value");
        assertThat(headers).allSatisfy(header -> {
            assertThat(header.stage()).isEqualTo("aggregator.decode");
            assertThat(header.sourceTopic()).isEqualTo(Topics.ENRICHED);
        });
        assertThat(headers).extracting(DeadLetterHeaders::sourceOffset).containsExactly(0L, 1L, 2L);
        assertThat(headers.get(1).errorMessage()).contains("page");
        assertThat(dead.get(2).key()).isEqualTo("7".getBytes(StandardCharsets.UTF_8));
        assertThat(harness.counter("eddy.aggregator.dead.letters", "reason", "malformed_json")).isEqualTo(1);
        assertThat(harness.counter("eddy.aggregator.records.in")).isEqualTo(5);
    }

    @Test
    void anUndecodableRecordNeitherMovesStreamTimeNorKeepsItsBrokerTimestamp() {
        // 1. A click, then a broken record whose broker timestamp is a year ahead (a producer with a wrong clock),
        //    then a click 30 s after the first: on time for every window, whatever the broken record said.
        //    A click published under another user's key, dated a year ahead, must not move stream time either.
        harness.send(click(1, atSeconds(0), "/a"));
        harness.sendRaw("1", "{not json".getBytes(StandardCharsets.UTF_8), T0 + Duration.ofDays(365).toMillis());
        harness.sendRaw("7", dev.eddy.events.EventSerdes.enrichedClick().serialize(Topics.ENRICHED,
                click(2, T0 + Duration.ofDays(365).toMillis(), "/wrong-key")));
        harness.send(click(1, atSeconds(30), "/b"), click(1, atSeconds(600), "/c"));
        assertThat(harness.lateRecords()).isEmpty();
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class))
                .containsExactly(new UserActivityWindow(1, T0, T0 + MIN, 2));

        // 2. Sessions (judged by the task's stream time) took both early clicks.
        harness.send(click(3, atSeconds(7200), "/flush"));
        assertThat(harness.values(Topics.SESSIONS, SessionSummary.class)).contains(
                new SessionSummary(1, atSeconds(0), atSeconds(30), 2, 2, "/a", "/b", false));

        // 3. The dead letters are stamped with the time it was rejected, not the broker's (nor an event time, which it
        //    does not have): a time-based retention on the dead-letter topic keeps it as long as any other.
        List<TestRecord<byte[], byte[]>> dead = harness.rawRecords(Topics.DEAD_LETTERS);
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(record -> assertThat(record.timestamp())
                .isCloseTo(System.currentTimeMillis(), within(60_000L)));
    }
}
