package dev.eddy.e2e.check;

import dev.eddy.events.SessionSummary;

import java.util.Comparator;

final class Sessions {

    /** Sessions of one user, oldest first; a total order on every field, so equal sets compare equal. */
    static final Comparator<SessionSummary> ORDER = Comparator.comparingInt(SessionSummary::userId)
            .thenComparingLong(SessionSummary::sessionStart)
            .thenComparingLong(SessionSummary::sessionEnd)
            .thenComparingLong(SessionSummary::events)
            .thenComparingInt(SessionSummary::distinctPages)
            .thenComparing(SessionSummary::entryPage)
            .thenComparing(SessionSummary::exitPage)
            .thenComparing(SessionSummary::bounce);

    private Sessions() {
    }
}
