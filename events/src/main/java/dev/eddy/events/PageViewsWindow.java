package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Page views of one page in one window, keyed by page. Used for the tumbling 1-minute results
 * ({@value Topics#PAGE_VIEWS_1M}), the hopping 5-minute results ({@value Topics#PAGE_VIEWS_5M}) and the generator's
 * ground truth ({@value Topics#TRUTH_PAGE_VIEWS}). Window bounds are epoch milliseconds, start inclusive, end
 * exclusive.
 */
@JsonPropertyOrder({"page", "window_start", "window_end", "views"})
public record PageViewsWindow(
        @JsonProperty(value = "page", required = true) String page,
        @JsonProperty(value = "window_start", required = true) long windowStart,
        @JsonProperty(value = "window_end", required = true) long windowEnd,
        @JsonProperty(value = "views", required = true) long views) {

    public PageViewsWindow {
        Validation.requireText(page, "page");
        Validation.requireOrdered(windowStart, windowEnd, "window_start", "window_end");
        Validation.requireNonNegative(views, "views");
    }
}
