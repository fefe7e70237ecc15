package dev.eddy.enricher.streams;

/**
 * A record whose payload may be well-formed but which the enricher cannot use as it stands (no key, a key that
 * contradicts the value, a user change too old to be stored). Carries a bounded reason code for the dead-letter header and the metric label.
 */
public final class RejectedInputException extends RuntimeException {

    public static final String NULL_KEY = "null_key";
    public static final String KEY_MISMATCH = "key_mismatch";
    public static final String INVALID_KEY = "invalid_key";
    /** A user change older than the users table keeps history for: the versioned store would drop it. */
    public static final String BEYOND_HISTORY = "beyond_history";
    /** A payload larger than eddy.enricher.max-record-bytes: its enriched form could exceed the broker's limit. */
    public static final String TOO_LARGE = "too_large";

    private final String reason;

    public RejectedInputException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
