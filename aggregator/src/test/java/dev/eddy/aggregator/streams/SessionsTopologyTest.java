package dev.eddy.aggregator.streams;

import dev.eddy.aggregator.support.TopologyHarness;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.eddy.aggregator.support.TestClicks.atSeconds;
import static dev.eddy.aggregator.support.TestClicks.click;
import static org.assertj.core.api.Assertions.assertThat;

/** Session windows (gap 5 min, grace 5 min here): summaries, merges with out-of-order input, anonymous users. */
class SessionsTopologyTest {

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
    void sessionsAreSummarisedOnceTheyClose() {
        // 1. User 7: three clicks within the gap, then one alone 16 minutes later. Anonymous clicks form no session.
        harness.send(
                click(7, atSeconds(0), "/a"),
                click(7, atSeconds(120), "/b"),
                click(-1, atSeconds(130), "/a"),
                click(7, atSeconds(240), "/a"),
                click(7, atSeconds(1200), "/c"));

        // 2. Nothing is final while a session could still grow; stream time 00:20 closes the first session
        //    (it ended at 00:04, + gap 5 min + grace 5 min = 00:14).
        assertThat(harness.values(Topics.SESSIONS, SessionSummary.class)).containsExactly(
                new SessionSummary(7, atSeconds(0), atSeconds(240), 3, 2, "/a", "/a", false));

        // 3. Stream time 01:00: the single-click session closes as a bounce.
        harness.send(click(8, atSeconds(3600), "/x"));
        assertThat(harness.values(Topics.SESSIONS, SessionSummary.class)).containsExactly(
                new SessionSummary(7, atSeconds(1200), atSeconds(1200), 1, 1, "/c", "/c", true));
    }

    @Test
    void anOutOfOrderClickMergesTwoSessionsAndKeepsTheTrueEntryAndExitPages() {
        // 1. User 8 clicks at 00:00 and 00:08 (8 minutes apart: two sessions so far).
        harness.send(click(8, atSeconds(0), "/x"), click(8, atSeconds(480), "/z"));

        // 2. A click from 00:04 arrives late but within grace; it bridges both sessions.
        harness.send(click(8, atSeconds(240), "/y"));

        // 3. User 9: the earliest click arrives last (within grace: stream time is 00:08); it becomes the entry page.
        harness.send(click(9, atSeconds(300), "/m"), click(9, atSeconds(420), "/n"), click(9, atSeconds(200), "/entry"));

        // 4. Close everything.
        harness.send(click(99, atSeconds(7200), "/flush"));
        assertThat(harness.values(Topics.SESSIONS, SessionSummary.class)).containsExactlyInAnyOrder(
                new SessionSummary(8, atSeconds(0), atSeconds(480), 3, 3, "/x", "/z", false),
                new SessionSummary(9, atSeconds(200), atSeconds(420), 3, 3, "/entry", "/n", false));
        // (the 1-minute windows, with 10 s grace, did reject the out-of-order clicks; sessions did not)
        assertThat(harness.counter("eddy.aggregator.late.records", "window", StoreNames.SESSIONS)).isZero();
        assertThat(harness.droppedByKafkaStreams()).isZero();
    }

    @Test
    void aClickLaterThanGraceIsRoutedInsteadOfReopeningAnEmittedSession() {
        // 1. Session of user 5 at 00:00-00:01 closes at stream time 00:11+ (gap 5 + grace 5).
        harness.send(click(5, atSeconds(0), "/a"), click(5, atSeconds(60), "/b"), click(6, atSeconds(700), "/a"));
        assertThat(harness.values(Topics.SESSIONS, SessionSummary.class)).containsExactly(
                new SessionSummary(5, atSeconds(0), atSeconds(60), 2, 2, "/a", "/b", false));

        // 2. A click of user 5 for 00:03 would extend that emitted session: it is late, routed, counted.
        harness.send(click(5, atSeconds(180), "/c"));
        assertThat(harness.lateRecords()).anyMatch(record -> new String(record.headers()
                .lastHeader(LateEventHeaders.WINDOW).value(), java.nio.charset.StandardCharsets.UTF_8)
                .equals(StoreNames.SESSIONS));
        assertThat(harness.counter("eddy.aggregator.late.records", "window", StoreNames.SESSIONS)).isEqualTo(1);

        // 3. No second version of the session is ever emitted.
        harness.send(click(6, atSeconds(7200), "/flush"));
        assertThat(harness.values(Topics.SESSIONS, SessionSummary.class)).noneMatch(s -> s.userId() == 5);
        assertThat(harness.droppedByKafkaStreams()).isZero();
    }
}
