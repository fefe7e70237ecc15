package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Raised on {@value Topics#ERROR_ALERTS} (keyed by status) when the errors of one status in one window reach the
 * configured threshold.
 */
@JsonPropertyOrder({"status", "window_start", "window_end", "errors", "threshold"})
public record ErrorAlert(
        @JsonProperty(value = "status", required = true) int status,
        @JsonProperty(value = "window_start", required = true) long windowStart,
        @JsonProperty(value = "window_end", required = true) long windowEnd,
        @JsonProperty(value = "errors", required = true) long errors,
        @JsonProperty(value = "threshold", required = true) long threshold) {

    public ErrorAlert {
        Validation.requireRange(status, 400, 599, "status");
        Validation.requireOrdered(windowStart, windowEnd, "window_start", "window_end");
    }
}
