package dev.eddy.aggregator.streams;

import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.internals.TimeWindow;

import java.util.Map;

/**
 * Decides whether a record is too late for one windowed aggregation, given the stream time that aggregation has
 * observed. The rules mirror Kafka Streams' own drop conditions (or are stricter), so that every record the gate lets
 * through is counted by the store and every record the store would drop has been routed to the late-events topic.
 */
@FunctionalInterface
public interface LateArrivalRule {

    /**
     * @param timestamp  the record's event time
     * @param streamTime the largest event time this aggregation has seen, including this record
     */
    boolean isLate(long timestamp, long streamTime);

    /**
     * Tumbling or hopping windows: Kafka Streams updates a window only while {@code windowEnd > streamTime - grace}.
     * A record is late when the earliest window it belongs to is closed; with hopping windows this is stricter than
     * Kafka (which would still add it to its later, open windows), so a record is counted in all of its windows or
     * in none, never in some.
     */
    static LateArrivalRule forTimeWindows(TimeWindows windows) {
        long grace = windows.gracePeriodMs();
        return (timestamp, streamTime) -> {
            Map<Long, TimeWindow> matching = windows.windowsFor(timestamp);
            long earliestEnd = Long.MAX_VALUE;
            for (TimeWindow window : matching.values()) {
                earliestEnd = Math.min(earliestEnd, window.end());
            }
            return earliestEnd <= streamTime - grace;
        };
    }

    /**
     * Session windows: a click is late when it is more than the grace period behind stream time. Kafka Streams only
     * drops a click whose merged session ends before {@code streamTime - grace - gap}; this rule is stricter, and that
     * is deliberate: a session is emitted once it ended more than gap + grace ago, and a click accepted under this
     * rule can never reach such a session, so no session is ever changed after it was emitted.
     */
    static LateArrivalRule forSessions(SessionWindows windows) {
        long grace = windows.gracePeriodMs();
        return (timestamp, streamTime) -> timestamp < streamTime - grace;
    }
}
