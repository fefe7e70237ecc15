package dev.eddy.aggregator.query;

/** A request the API cannot answer as asked (unknown window, bad range, malformed id, ...): HTTP 400. */
public class BadQueryException extends RuntimeException {

    public BadQueryException(String message) {
        super(message);
    }
}
