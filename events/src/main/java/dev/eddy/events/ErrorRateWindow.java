package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Error responses (status >= 400) of one status code in one window ({@value Topics#ERRORS_1M}), keyed by status. */
@JsonPropertyOrder({"status", "window_start", "window_end", "errors"})
public record ErrorRateWindow(
        @JsonProperty(value = "status", required = true) int status,
        @JsonProperty(value = "window_start", required = true) long windowStart,
        @JsonProperty(value = "window_end", required = true) long windowEnd,
        @JsonProperty(value = "errors", required = true) long errors) {

    public ErrorRateWindow {
        Validation.requireRange(status, 400, 599, "status");
        Validation.requireOrdered(windowStart, windowEnd, "window_start", "window_end");
        Validation.requireNonNegative(errors, "errors");
    }
}
