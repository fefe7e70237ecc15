package dev.eddy.aggregator.query.model;

/** Responses of one HTTP status in one window: the rows of the status store (all statuses, errors or not). */
public record StatusCount(int status, long windowStart, long windowEnd, long responses) {
}
