package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sessions of one user that may still grow, ordered by start: usually one, more while out-of-order clicks leave
 * gaps that a later click may still bridge. A session's start and end are its aggregate's entry and exit times.
 */
public record OpenSessions(List<SessionAggregate> sessions) {

    static final OpenSessions NONE = new OpenSessions(List.of());

    private static final Comparator<SessionAggregate> BY_START = Comparator.comparingLong(SessionAggregate::entryTime);

    public OpenSessions {
        sessions = List.copyOf(sessions);
    }

    /**
     * Adds a click: every session that ends at most {@code gap} before it and starts at most {@code gap} after it
     * merges with it into one (the rule of Kafka Streams' session windows), the others stay as they are.
     */
    OpenSessions add(EnrichedClick click, long gap) {
        long time = click.eventTime();
        SessionAggregate merged = SessionAggregate.empty();
        List<SessionAggregate> result = new ArrayList<>(sessions.size() + 1);
        for (SessionAggregate session : sessions) {
            if (session.exitTime() >= time - gap && session.entryTime() <= time + gap) {
                merged = SessionAggregate.merge(merged, session);
            } else {
                result.add(session);
            }
        }
        result.add(merged.add(click));
        result.sort(BY_START);
        return new OpenSessions(result);
    }

    /** The sessions that ended before {@code endedBefore}: they can no longer grow. */
    List<SessionAggregate> endedBefore(long endedBefore) {
        return sessions.stream().filter(session -> session.exitTime() < endedBefore).toList();
    }

    /** The sessions that did not end before {@code endedBefore}. */
    OpenSessions withoutEndedBefore(long endedBefore) {
        return new OpenSessions(sessions.stream().filter(session -> session.exitTime() >= endedBefore).toList());
    }

    boolean isEmpty() {
        return sessions.isEmpty();
    }

    /** The earliest end among these sessions; {@link Long#MAX_VALUE} when there are none. */
    long earliestEnd() {
        long earliest = Long.MAX_VALUE;
        for (SessionAggregate session : sessions) {
            earliest = Math.min(earliest, session.exitTime());
        }
        return earliest;
    }
}
