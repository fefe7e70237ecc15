package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;

import java.time.Duration;

/**
 * Session windows per user, emitted once when they close. Same merge rule, lateness rule and close time as Kafka
 * Streams' session windows with {@code emitStrategy(onWindowClose())}, but with the state split in two:
 * <ul>
 *   <li>the sessions that may still grow live in a cached key-value store, one entry per user
 *       ({@value StoreNames#OPEN_SESSIONS}): a click reads and rewrites that entry in the record cache, and only the
 *       last version per commit reaches RocksDB and the changelog;</li>
 *   <li>a session that closed is written once to the session store ({@value StoreNames#SESSIONS}) and published.</li>
 * </ul>
 * Kafka's emit-final store removed and re-put the session in RocksDB (and its changelog) on every click, so a user's
 * lookup skipped more deleted entries with every click of a long session: the aggregator's cost per event grew with
 * the length of the run.
 *
 * <p>Stream time is the task's ({@code currentStreamTimeMs}): Kafka Streams commits it with the input offsets and
 * restores it when the task restarts, so a click is judged late or on time the same way whether or not the
 * application crashed in between, and a click can never reach a session that was already published.
 */
final class SessionTracker implements Processor<String, EnrichedClick, String, SessionOutcome> {

    private static final Duration CLOSE_CHECK_INTERVAL = Duration.ofSeconds(10);

    private final long gap;
    private final long grace;
    private final LateArrivalRule lateness;
    private final AggregatorMetrics metrics;
    private final CloseSchedule schedule = new CloseSchedule();
    private final DecodedOpenSessions decoded;
    private ProcessorContext<String, SessionOutcome> context;
    private KeyValueStore<String, OpenSessions> open;
    private SessionStore<String, SessionAggregate> closed;

    /**
     * @param decodedUsers how many users' open sessions to keep decoded beside the store: decoding a user's pages on
     *                     every click was a tenth of the stream threads' CPU
     */
    SessionTracker(SessionWindows windows, AggregatorMetrics metrics, int decodedUsers) {
        this.decoded = new DecodedOpenSessions(decodedUsers);
        this.gap = windows.inactivityGap();
        this.grace = windows.gracePeriodMs();
        this.lateness = LateArrivalRule.forSessions(windows);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SessionOutcome> context) {
        this.context = context;
        this.open = context.getStateStore(StoreNames.OPEN_SESSIONS);
        this.closed = context.getStateStore(StoreNames.SESSIONS);
        decoded.clear();
        schedule.clear();
        // The schedule is memory only: rebuild it from the (restored) store.
        try (KeyValueIterator<String, OpenSessions> users = open.all()) {
            users.forEachRemaining(user -> {
                schedule.set(user.key, closeTime(user.value));
                decoded.put(user.key, user.value);
            });
        }
        // Sessions also close when stream time moves without a known user's click (anonymous or bad traffic only).
        context.schedule(CLOSE_CHECK_INTERVAL, PunctuationType.STREAM_TIME,
                punctuation -> closeSessionsEndedBefore(context.currentStreamTimeMs() - gap - grace));
    }

    @Override
    public void process(Record<String, EnrichedClick> record) {
        long streamTime = context.currentStreamTimeMs();
        if (lateness.isLate(record.timestamp(), streamTime)) {
            metrics.countLateRecord(StoreNames.SESSIONS);
            context.forward(record.withValue(SessionOutcome.lateClick(record.value()))
                    .withHeaders(LateEventHeaders.stamped(record.headers(), StoreNames.SESSIONS, streamTime)));
            return;
        }
        String user = record.key();
        OpenSessions updated = read(user).add(record.value(), gap);
        write(user, updated);
        schedule.noLaterThan(user, closeTime(updated));
        closeSessionsEndedBefore(streamTime - gap - grace);
    }

    /** A session closes once stream time passes its end plus gap plus grace; no on-time click can reach it then. */
    private long closeTime(OpenSessions sessions) {
        long earliestEnd = sessions.earliestEnd();
        return earliestEnd == Long.MAX_VALUE ? Long.MAX_VALUE : earliestEnd + gap + grace;
    }

    private void closeSessionsEndedBefore(long endedBefore) {
        for (String user : schedule.takeDueBefore(endedBefore + gap + grace)) {
            OpenSessions sessions = read(user);
            int userId = Integer.parseInt(user);
            for (SessionAggregate session : sessions.endedBefore(endedBefore)) {
                SessionWindow window = new SessionWindow(session.entryTime(), session.exitTime());
                closed.put(new Windowed<>(user, window), session);
                context.forward(new Record<String, SessionOutcome>(user,
                        SessionOutcome.closedSession(session.toSummary(userId)), session.exitTime()));
            }
            OpenSessions remaining = sessions.withoutEndedBefore(endedBefore);
            if (remaining.sessions().size() != sessions.sessions().size()) {
                write(user, remaining);
            }
            schedule.set(user, closeTime(remaining));
        }
    }

    private OpenSessions read(String user) {
        OpenSessions sessions = decoded.get(user);
        if (sessions == null) {
            sessions = open.get(user);
            if (sessions == null) {
                sessions = OpenSessions.NONE;
            }
            decoded.put(user, sessions);
        }
        return sessions;
    }

    /** Writes through: the store (and its changelog, at commit) always holds what the decoded copy says. */
    private void write(String user, OpenSessions sessions) {
        if (sessions.isEmpty()) {
            open.delete(user);
            decoded.remove(user);
        } else {
            open.put(user, sessions);
            decoded.put(user, sessions);
        }
    }
}
