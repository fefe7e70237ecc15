package dev.eddy.aggregator.query;

import dev.eddy.aggregator.streams.OpenSessions;
import dev.eddy.aggregator.streams.SessionAggregate;
import dev.eddy.aggregator.streams.StoreNames;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one partition's sessions, wherever they are: the ones still open ({@value StoreNames#OPEN_SESSIONS}, one
 * entry per user) and the closed ones ({@value StoreNames#SESSIONS}). The two reads are not atomic. The open store is
 * read first, so on the active copy a session that closes between the two reads is found in both, never in neither;
 * it may have grown before it closed, so the open version is recognised by overlap, not by equal bounds (see
 * {@link #combine}). A standby or restoring copy replays the two changelogs independently: a stale read may miss a
 * session that is closing at that moment.
 */
public final class SessionStores {

    /** A session and its user's key. */
    public record UserSession(String user, SessionAggregate session) {
    }

    private final LocalStores local;

    public SessionStores(LocalStores local) {
        this.local = local;
    }

    /** The user's sessions that end at or after {@code from} and start at or before {@code to}. */
    public List<SessionAggregate> ofUser(String user, int partition, boolean allowStale, long from, long to) {
        OpenSessions open = local.<String, OpenSessions, OpenSessions>keyValue(StoreNames.OPEN_SESSIONS, partition,
                allowStale, store -> store.get(user));
        List<UserSession> sessions = new ArrayList<>();
        local.<String, SessionAggregate, Void>session(StoreNames.SESSIONS, partition, allowStale, store -> {
            try (KeyValueIterator<Windowed<String>, SessionAggregate> found = store.findSessions(user, from, to)) {
                found.forEachRemaining(entry -> sessions.add(new UserSession(user, entry.value)));
            }
            return null;
        });
        List<UserSession> stillOpen = open == null ? List.of() : open.sessions().stream()
                .filter(session -> session.exitTime() >= from && session.entryTime() <= to)
                .map(session -> new UserSession(user, session)).toList();
        return combine(sessions, stillOpen).stream().map(UserSession::session).toList();
    }

    /** Every user's sessions that end at or after {@code from}. */
    public List<UserSession> endingFrom(int partition, boolean allowStale, long from) {
        List<UserSession> open = local.<String, OpenSessions, List<UserSession>>keyValue(
                StoreNames.OPEN_SESSIONS, partition, allowStale, store -> {
                    List<UserSession> found = new ArrayList<>();
                    try (KeyValueIterator<String, OpenSessions> users = store.all()) {
                        users.forEachRemaining(user -> user.value.sessions().stream()
                                .filter(session -> session.exitTime() >= from)
                                .forEach(session -> found.add(new UserSession(user.key, session))));
                    }
                    return found;
                });
        List<UserSession> sessions = new ArrayList<>();
        local.<String, SessionAggregate, Void>session(StoreNames.SESSIONS, partition, allowStale, store -> {
            // Null key bounds: every user; the time bounds keep the scan to the recent segments.
            try (KeyValueIterator<Windowed<String>, SessionAggregate> found =
                         store.findSessions(null, null, from, Long.MAX_VALUE)) {
                while (found.hasNext()) {
                    KeyValue<Windowed<String>, SessionAggregate> session = found.next();
                    sessions.add(new UserSession(session.key.key(), session.value));
                }
            }
            return null;
        });
        return combine(sessions, open);
    }

    /**
     * The closed sessions and those open ones that are not an earlier version of a closed one. A user's open session
     * never overlaps one of their closed sessions (a session closes only once stream time is more than gap + grace
     * past its end, and every click accepted after that lies more than gap after it), so an open entry that overlaps
     * a closed session of the same user is that session, read before it grew and closed.
     */
    static List<UserSession> combine(List<UserSession> closed, List<UserSession> open) {
        Map<String, List<SessionAggregate>> closedByUser = new HashMap<>();
        for (UserSession entry : closed) {
            closedByUser.computeIfAbsent(entry.user(), user -> new ArrayList<>()).add(entry.session());
        }
        List<UserSession> all = new ArrayList<>(closed);
        for (UserSession entry : open) {
            boolean closedMeanwhile = closedByUser.getOrDefault(entry.user(), List.of()).stream()
                    .anyMatch(done -> done.entryTime() <= entry.session().exitTime()
                            && entry.session().entryTime() <= done.exitTime());
            if (!closedMeanwhile) {
                all.add(entry);
            }
        }
        return all;
    }
}
