package dev.eddy.aggregator.query.model;

import java.util.List;

/**
 * Error responses per status per window starting in [from, to]; {@code rate} is errors divided by all clicks of that
 * window (null when the window has no clicks on record).
 */
public record ErrorRatesResponse(long from, long to, Integer status, List<ErrorRate> windows) {

    public record ErrorRate(int status, long windowStart, long windowEnd, long errors, long events, Double rate) {
    }
}
