package dev.eddy.aggregator.streams;

import dev.eddy.aggregator.support.TopologyHarness;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.Topics;
import dev.eddy.events.UserActivityWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.eddy.aggregator.support.TestClicks.T0;
import static dev.eddy.aggregator.support.TestClicks.atSeconds;
import static dev.eddy.aggregator.support.TestClicks.click;
import static org.assertj.core.api.Assertions.assertThat;

/** Tumbling user activity, tumbling and hopping page views: literal inputs, literal final results. */
class WindowCountsTopologyTest {

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
    void userActivityIsEmittedOncePerWindowWhenTheWindowCloses() {
        // 1. Clicks in the first two minutes: nothing is final yet.
        harness.send(
                click(1, atSeconds(10), "/index.html"),
                click(2, atSeconds(30), "/index.html"),
                click(1, atSeconds(50), "/site/login.html"),
                click(1, atSeconds(65), "/index.html"),
                click(-1, atSeconds(66), "/index.html"));
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class)).isEmpty();

        // 2. Stream time 00:01:09: window [0, 1m) ends at 60 s but grace (10 s) keeps it open until 70 s.
        harness.send(click(3, atSeconds(69), "/index.html"));
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class)).isEmpty();

        // 3. Stream time 00:01:10: the first window closes, once, with one result per user.
        harness.send(click(3, atSeconds(70), "/index.html"));
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class)).containsExactlyInAnyOrder(
                new UserActivityWindow(1, T0, T0 + MIN, 2),
                new UserActivityWindow(2, T0, T0 + MIN, 1));

        // 4. Stream time 00:02:10: the second window closes (anonymous clicks count under -1).
        harness.send(click(4, atSeconds(130), "/index.html"));
        assertThat(harness.values(Topics.USER_ACTIVITY_1M, UserActivityWindow.class)).containsExactlyInAnyOrder(
                new UserActivityWindow(1, T0 + MIN, T0 + 2 * MIN, 1),
                new UserActivityWindow(-1, T0 + MIN, T0 + 2 * MIN, 1),
                new UserActivityWindow(3, T0 + MIN, T0 + 2 * MIN, 2));

        // 5. Nothing was dropped silently by Kafka Streams.
        assertThat(harness.droppedByKafkaStreams()).isZero();
    }

    @Test
    void pageViewsPerPageInTumblingAndHoppingWindows() {
        // 1. Views of two pages across three minutes.
        harness.send(
                click(1, atSeconds(5), "/a"),
                click(2, atSeconds(6), "/a"),
                click(3, atSeconds(7), "/b"),
                click(1, atSeconds(70), "/a"),
                click(2, atSeconds(150), "/b"));

        // 2. Move stream time far ahead (on another page) so every window of those views closes.
        harness.send(click(9, atSeconds(3600), "/flush"));

        // 3. One-minute tumbling windows.
        assertThat(harness.values(Topics.PAGE_VIEWS_1M, PageViewsWindow.class)).containsExactlyInAnyOrder(
                new PageViewsWindow("/a", T0, T0 + MIN, 2),
                new PageViewsWindow("/b", T0, T0 + MIN, 1),
                new PageViewsWindow("/a", T0 + MIN, T0 + 2 * MIN, 1),
                new PageViewsWindow("/b", T0 + 2 * MIN, T0 + 3 * MIN, 1));

        // 4. Five-minute windows advancing by one minute: each view is in the five windows that contain it.
        long fiveMin = 5 * MIN;
        assertThat(harness.values(Topics.PAGE_VIEWS_5M, PageViewsWindow.class)).containsExactlyInAnyOrder(
                // views of /a at 0:05, 0:06, 1:10
                new PageViewsWindow("/a", T0 - 4 * MIN, T0 + MIN, 2),
                new PageViewsWindow("/a", T0 - 3 * MIN, T0 + 2 * MIN, 3),
                new PageViewsWindow("/a", T0 - 2 * MIN, T0 + 3 * MIN, 3),
                new PageViewsWindow("/a", T0 - MIN, T0 + 4 * MIN, 3),
                new PageViewsWindow("/a", T0, T0 + fiveMin, 3),
                new PageViewsWindow("/a", T0 + MIN, T0 + MIN + fiveMin, 1),
                // views of /b at 0:07 and 2:30
                new PageViewsWindow("/b", T0 - 4 * MIN, T0 + MIN, 1),
                new PageViewsWindow("/b", T0 - 3 * MIN, T0 + 2 * MIN, 1),
                new PageViewsWindow("/b", T0 - 2 * MIN, T0 + 3 * MIN, 2),
                new PageViewsWindow("/b", T0 - MIN, T0 + 4 * MIN, 2),
                new PageViewsWindow("/b", T0, T0 + fiveMin, 2),
                new PageViewsWindow("/b", T0 + MIN, T0 + MIN + fiveMin, 1),
                new PageViewsWindow("/b", T0 + 2 * MIN, T0 + 2 * MIN + fiveMin, 1));
        assertThat(harness.droppedByKafkaStreams()).isZero();
    }
}
