package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.SessionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.eddy.aggregator.support.TestClicks.atSeconds;
import static dev.eddy.aggregator.support.TestClicks.click;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session tracker alone, over real in-memory stores: what it keeps decoded beside its store is only a copy (a
 * user pushed out of it, or a new tracker over the same stores, continues from the store), and the close schedule
 * books the true close time of a session that grew after it was scheduled.
 */
class SessionTrackerTest {

    private static final SessionWindows WINDOWS = SessionWindows.ofInactivityGapAndGrace(Duration.ofMinutes(5),
            Duration.ofMinutes(5));

    private final MockProcessorContext<String, SessionOutcome> context = new MockProcessorContext<>();
    private KeyValueStore<String, OpenSessions> open;
    private SessionStore<String, SessionAggregate> closed;
    private long streamTime = Long.MIN_VALUE;

    @BeforeEach
    void stores() {
        open = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.OPEN_SESSIONS), Serdes.String(),
                new OpenSessionsSerde()).withLoggingDisabled().build();
        open.init(context.getStateStoreContext(), open);
        context.addStateStore(open);
        closed = Stores.sessionStoreBuilder(Stores.inMemorySessionStore(StoreNames.SESSIONS, Duration.ofHours(6)),
                Serdes.String(), new SessionAggregateSerde()).withLoggingDisabled().build();
        closed.init(context.getStateStoreContext(), closed);
        context.addStateStore(closed);
    }

    @Test
    void usersBeyondTheDecodedCopyAreReadBackFromTheStore() {
        // 1. Room for one decoded user only: users 1 and 2 take turns, so every click reads the other from the store.
        SessionTracker tracker = tracker(1);
        send(tracker, click(1, atSeconds(0), "/a"), click(2, atSeconds(10), "/x"), click(1, atSeconds(60), "/b"),
                click(2, atSeconds(70), "/y"), click(1, atSeconds(120), "/c"));

        // 2. Stream time 01:00 closes both sessions, each with all of its clicks.
        send(tracker, click(3, atSeconds(3600), "/flush"));
        assertThat(closedSessions()).containsExactlyInAnyOrder(
                new SessionSummary(1, atSeconds(0), atSeconds(120), 3, 3, "/a", "/c", false),
                new SessionSummary(2, atSeconds(10), atSeconds(70), 2, 2, "/x", "/y", false));
    }

    @Test
    void aNewTrackerOverTheSameStoresContinuesTheOpenSessions() {
        // 1. User 1's session starts under one tracker...
        send(tracker(20_000), click(1, atSeconds(0), "/a"), click(1, atSeconds(60), "/b"));

        // 2. ...and grows under the next one (a restarted task), which rebuilds its schedule from the store.
        SessionTracker restarted = tracker(20_000);
        send(restarted, click(1, atSeconds(300), "/c"));
        // Stream time 00:11:40 passes the time booked when the session ended at 00:01 (+ gap 5 + grace 5), but not
        // its true close time (00:05 + 10 min): nothing closes.
        send(restarted, click(2, atSeconds(700), "/x"));
        assertThat(closedSessions()).isEmpty();

        // 3. Stream time 00:15:01: the session closes, once, with all three clicks.
        send(restarted, click(2, atSeconds(901), "/y"));
        assertThat(closedSessions()).containsExactly(
                new SessionSummary(1, atSeconds(0), atSeconds(300), 3, 3, "/a", "/c", false));
        assertThat(open.get("1")).as("no longer open").isNull();
    }

    @Test
    void aSessionClosesOnceStreamTimeIsPastItsEndPlusGapPlusGraceNotAtIt() {
        SessionTracker tracker = tracker(10);
        send(tracker, click(1, atSeconds(0), "/a"));

        // 1. Stream time exactly end + gap + grace (00:10): a click of user 1 at 00:05 could still join, so it stays.
        send(tracker, click(2, atSeconds(600), "/x"));
        assertThat(closedSessions()).isEmpty();

        // 2. One millisecond later it closes.
        send(tracker, click(2, atSeconds(600) + 1, "/y"));
        assertThat(closedSessions()).containsExactly(new SessionSummary(1, atSeconds(0), atSeconds(0), 1, 1, "/a",
                "/a", true));
    }

    @Test
    void ofTwoOpenSessionsOfAUserTheEarlierClosesAndTheLaterStaysOpen() {
        SessionTracker tracker = tracker(10);
        // 1. User 1 clicks at 00:00 and at 00:06:40, more than the gap apart: two sessions, both still open.
        send(tracker, click(1, atSeconds(0), "/first-visit"), click(1, atSeconds(400), "/second-visit"));

        // 2. Stream time 00:10:00.001 closes the first only; the second closes at 00:16:40.001.
        send(tracker, click(2, atSeconds(600) + 1, "/x"));
        assertThat(closedSessions()).containsExactly(new SessionSummary(1, atSeconds(0), atSeconds(0), 1, 1,
                "/first-visit", "/first-visit", true));
        send(tracker, click(2, atSeconds(1000), "/y"));
        assertThat(closedSessions()).isEmpty();
        send(tracker, click(2, atSeconds(1000) + 1, "/z"));
        assertThat(closedSessions()).containsExactly(new SessionSummary(1, atSeconds(400), atSeconds(400), 1, 1,
                "/second-visit", "/second-visit", true));
    }

    @Test
    void initialisedAgainAfterProcessingTheTrackerNeitherLosesNorRepeatsASession() {
        // Kafka Streams calls init() again on the same processor when it revives a task.
        SessionTracker tracker = tracker(10);
        send(tracker, click(1, atSeconds(0), "/a"), click(2, atSeconds(100), "/x"));
        tracker.init(context);
        send(tracker, click(1, atSeconds(60), "/b"), click(3, atSeconds(3600), "/flush"));
        assertThat(closedSessions()).containsExactlyInAnyOrder(
                new SessionSummary(1, atSeconds(0), atSeconds(60), 2, 2, "/a", "/b", false),
                new SessionSummary(2, atSeconds(100), atSeconds(100), 1, 1, "/x", "/x", true));
    }

    @Test
    void sessionsCloseWhenStreamTimeMovesWithoutAKnownUsersClick() {
        SessionTracker tracker = tracker(10);
        send(tracker, click(1, atSeconds(0), "/a"));

        // Only anonymous clicks follow (they never reach the tracker): the task's stream-time punctuation closes it.
        context.setCurrentStreamTimeMs(atSeconds(3600));
        context.scheduledPunctuators().forEach(punctuator -> punctuator.getPunctuator().punctuate(atSeconds(3600)));
        assertThat(closedSessions()).containsExactly(new SessionSummary(1, atSeconds(0), atSeconds(0), 1, 1, "/a",
                "/a", true));
    }

    private SessionTracker tracker(int decodedUsers) {
        SessionTracker tracker = new SessionTracker(WINDOWS,
                new AggregatorMetrics(new SimpleMeterRegistry()), decodedUsers);
        tracker.init(context);
        return tracker;
    }

    private void send(SessionTracker tracker, EnrichedClick... clicks) {
        for (EnrichedClick click : clicks) {
            // Kafka Streams advances the task's stream time before the record reaches the processor.
            streamTime = Math.max(streamTime, click.eventTime());
            context.setCurrentStreamTimeMs(streamTime);
            tracker.process(new Record<>(click.key(), click, click.eventTime()));
        }
    }

    private List<SessionSummary> closedSessions() {
        List<SessionSummary> sessions = context.forwarded().stream()
                .map(forward -> forward.record().value())
                .filter(outcome -> !outcome.isLate())
                .map(SessionOutcome::closed)
                .toList();
        context.resetForwards();
        return sessions;
    }
}
