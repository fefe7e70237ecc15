package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Events of one user in one tumbling window ({@value Topics#USER_ACTIVITY_1M}), keyed by user id. */
@JsonPropertyOrder({"userid", "window_start", "window_end", "events"})
public record UserActivityWindow(
        @JsonProperty(value = "userid", required = true) int userId,
        @JsonProperty(value = "window_start", required = true) long windowStart,
        @JsonProperty(value = "window_end", required = true) long windowEnd,
        @JsonProperty(value = "events", required = true) long events) {

    public UserActivityWindow {
        Validation.requireOrdered(windowStart, windowEnd, "window_start", "window_end");
        Validation.requireNonNegative(events, "events");
    }
}
