package dev.eddy.aggregator.query;

/**
 * The data exists somewhere but cannot be read right now (rebalance, restore, owner unreachable): HTTP 503 with
 * Retry-After. Callers may retry, or ask for a stale read.
 */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
