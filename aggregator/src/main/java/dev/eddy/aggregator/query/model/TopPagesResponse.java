package dev.eddy.aggregator.query.model;

import dev.eddy.events.PageViewsWindow;

import java.util.List;

/** The most viewed pages in one window, most views first (ties by page name), merged across all instances. */
public record TopPagesResponse(String window, long windowStart, long windowEnd, int n, List<PageViewsWindow> pages) {
}
