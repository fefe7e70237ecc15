package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One user session, keyed by user id: the aggregator's final session-window result on {@value Topics#SESSIONS}, and
 * the generator's ground truth on {@value Topics#TRUTH_SESSIONS}. Sharing the record lets a test compare the two
 * with {@code equals}. A session is a run of one user's clicks with no gap longer than the inactivity gap;
 * {@code session_start} and {@code session_end} are the event times of its first and last click.
 */
@JsonPropertyOrder({"userid", "session_start", "session_end", "events", "distinct_pages", "entry_page", "exit_page",
        "bounce"})
public record SessionSummary(
        @JsonProperty(value = "userid", required = true) int userId,
        @JsonProperty(value = "session_start", required = true) long sessionStart,
        @JsonProperty(value = "session_end", required = true) long sessionEnd,
        @JsonProperty(value = "events", required = true) long events,
        @JsonProperty(value = "distinct_pages", required = true) int distinctPages,
        @JsonProperty(value = "entry_page", required = true) String entryPage,
        @JsonProperty(value = "exit_page", required = true) String exitPage,
        @JsonProperty(value = "bounce", required = true) boolean bounce) {

    public SessionSummary {
        Validation.requireOrdered(sessionStart, sessionEnd, "session_start", "session_end");
        Validation.requirePositive(events, "events");
    }

    public String key() {
        return Integer.toString(userId);
    }
}
