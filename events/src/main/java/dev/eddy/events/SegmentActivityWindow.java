package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Activity of one city and user level in one window ({@value Topics#SEGMENT_ACTIVITY_1M}), keyed by
 * {@code city|level}. Clicks of unknown users count under city and level {@code "unknown"}.
 */
@JsonPropertyOrder({"city", "level", "window_start", "window_end", "events", "users"})
public record SegmentActivityWindow(
        @JsonProperty(value = "city", required = true) String city,
        @JsonProperty(value = "level", required = true) String level,
        @JsonProperty(value = "window_start", required = true) long windowStart,
        @JsonProperty(value = "window_end", required = true) long windowEnd,
        @JsonProperty(value = "events", required = true) long events,
        @JsonProperty(value = "users", required = true) long users) {

    public SegmentActivityWindow {
        Validation.requireText(city, "city");
        Validation.requireText(level, "level");
        Validation.requireOrdered(windowStart, windowEnd, "window_start", "window_end");
        Validation.requireNonNegative(events, "events");
    }
}
