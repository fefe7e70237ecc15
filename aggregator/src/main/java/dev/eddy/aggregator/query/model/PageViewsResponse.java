package dev.eddy.aggregator.query.model;

import dev.eddy.events.PageViewsWindow;

import java.util.List;

/** Views of one page per window ({@code 1m} tumbling or {@code 5m} hopping), for windows starting in [from, to]. */
public record PageViewsResponse(String page, String window, long from, long to, List<PageViewsWindow> windows) {
}
