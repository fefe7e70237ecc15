package dev.eddy.aggregator.query.model;

import java.util.List;

/** All clicks and all error responses per minute window starting in [from, to], and their sums. */
public record TotalsResponse(long from, long to, long events, long errors, List<Window> windows) {

    public record Window(long windowStart, long windowEnd, long events, long errors) {
    }
}
