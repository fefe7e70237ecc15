package dev.eddy.aggregator.query;

/**
 * How one HTTP request may be answered: whether stale copies are acceptable, whether it was already forwarded by
 * another instance (then it is answered here or not at all), and its path and query, to forward it unchanged.
 */
public record RequestOptions(boolean allowStale, boolean forwarded, String pathAndQuery) {
}
