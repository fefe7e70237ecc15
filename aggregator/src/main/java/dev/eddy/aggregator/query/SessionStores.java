package dev.eddy.aggregator.query;

import dev.eddy.aggregator.streams.OpenSessions;
import dev.eddy.aggregator.streams.SessionAggregate;
import dev.eddy.aggregator.streams.StoreNames;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one partition's sessions, wherever they are: the ones still open ({@value StoreNames#OPEN_SESSIONS}, one
 * entry per user) and the closed ones ({@value StoreNames#SESSIONS}). The open store is read first: a session that
 * closes between the two reads is then found in both (and kept once), never in neither.
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
        if (open != null) {
            addNotYetFound(sessions, open.sessions().stream()
                    .filter(session -> session.exitTime() >= from && session.entryTime() <= to)
                    .map(session -> new UserSession(user, session)).toList());
        }
        return sessions.stream().map(UserSession::session).toList();
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
        addNotYetFound(sessions, open);
        return sessions;
    }

    /** Adds the open sessions that were not found closed already (same user, same start and end). */
    private static void addNotYetFound(List<UserSession> closed, List<UserSession> open) {
        Set<List<Object>> seen = new HashSet<>();
        for (UserSession closedSession : closed) {
            seen.add(identity(closedSession));
        }
        for (UserSession openSession : open) {
            if (!seen.contains(identity(openSession))) {
                closed.add(openSession);
            }
        }
    }

    /** Two entries are the same session when user, start and end agree (a closed session never changes). */
    private static List<Object> identity(UserSession entry) {
        return List.of(entry.user(), entry.session().entryTime(), entry.session().exitTime());
    }
}
