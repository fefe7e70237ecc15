package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.SessionSummary;

/**
 * Output of the {@link SessionTracker}: a click it found too late (for the late-events topic) or a session that
 * closed (published once).
 */
record SessionOutcome(EnrichedClick late, SessionSummary closed) {

    static SessionOutcome lateClick(EnrichedClick click) {
        return new SessionOutcome(click, null);
    }

    static SessionOutcome closedSession(SessionSummary summary) {
        return new SessionOutcome(null, summary);
    }

    boolean isLate() {
        return late != null;
    }
}
