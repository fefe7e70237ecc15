package dev.eddy.aggregator.streams;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.SessionSummary;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the session store keeps per session. Entry and exit pages carry the event time they were seen at, so that two
 * sessions merged by a click that bridges them (which happens with out-of-order input) still know which page came
 * first and which came last. Ties at the same millisecond go to arrival order (first seen enters, last seen exits).
 */
public record SessionAggregate(
        @JsonProperty("events") long events,
        @JsonProperty("entry_time") long entryTime,
        @JsonProperty("entry_page") String entryPage,
        @JsonProperty("exit_time") long exitTime,
        @JsonProperty("exit_page") String exitPage,
        @JsonProperty("pages") Set<String> pages) {

    public static SessionAggregate empty() {
        return new SessionAggregate(0, Long.MAX_VALUE, null, Long.MIN_VALUE, null, Set.of());
    }

    public SessionAggregate add(EnrichedClick click) {
        long time = click.eventTime();
        boolean enters = time < entryTime;
        boolean exits = time >= exitTime;
        return new SessionAggregate(events + 1,
                enters ? time : entryTime, enters ? click.page() : entryPage,
                exits ? time : exitTime, exits ? click.page() : exitPage,
                union(pages, Set.of(click.page())));
    }

    /** Combines two sessions joined by a new click; {@code older} is the one already stored. */
    public static SessionAggregate merge(SessionAggregate older, SessionAggregate newer) {
        if (older.events == 0) {
            return newer;
        }
        if (newer.events == 0) {
            return older;
        }
        boolean olderEnters = older.entryTime <= newer.entryTime;
        boolean newerExits = newer.exitTime >= older.exitTime;
        return new SessionAggregate(older.events + newer.events,
                olderEnters ? older.entryTime : newer.entryTime, olderEnters ? older.entryPage : newer.entryPage,
                newerExits ? newer.exitTime : older.exitTime, newerExits ? newer.exitPage : older.exitPage,
                union(older.pages, newer.pages));
    }

    /** The published summary; start and end are the event times of the first and last click. */
    public SessionSummary toSummary(int userId) {
        return new SessionSummary(userId, entryTime, exitTime, events, pages.size(), entryPage, exitPage,
                events == 1);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a.containsAll(b)) {
            return a;
        }
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
