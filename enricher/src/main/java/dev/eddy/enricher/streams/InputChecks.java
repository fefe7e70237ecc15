package dev.eddy.enricher.streams;

import dev.eddy.events.EventFormatException;

/**
 * The checks every click and user goes through before it is used, in this order: a key, a payload no larger than
 * {@code eddy.enricher.max-record-bytes}, a payload at all (unless a tombstone is a deletion), a payload that decoded,
 * then the caller's own checks. The answer is either the usable value or a {@link Problem} saying at which stage and
 * why, for the dead-letter headers. Kept apart from the processors so that the users path ({@link InputDecoder}) and
 * the clicks path ({@link ClickEnricher}) reject the same records with the same words.
 */
final class InputChecks<T> {

    static final String STAGE_DECODE = "enricher.decode";
    static final String STAGE_VALIDATE = "enricher.validate";

    /** Why a record cannot be used: the stage that found it and the error for the dead-letter headers. */
    record Problem(String stage, RuntimeException error) {
    }

    private final Class<T> type;
    private final int maxRecordBytes;
    private final boolean tombstonesAllowed;

    /**
     * @param type              what the records hold, named in the error of a record without a key
     * @param maxRecordBytes    the largest value accepted; a larger one is rejected before it is parsed
     * @param tombstonesAllowed whether a null value is a deletion (compacted tables) rather than bad input
     */
    InputChecks(Class<T> type, int maxRecordBytes, boolean tombstonesAllowed) {
        this.type = type;
        this.maxRecordBytes = maxRecordBytes;
        this.tombstonesAllowed = tombstonesAllowed;
    }

    /**
     * The problem with a record as read, or {@code null} when its key is present and its value decoded (or is an
     * allowed tombstone): then {@code decoded.value()} is the value to use.
     */
    Problem problem(byte[] key, Decoded<T> decoded) {
        byte[] payload = decoded.payload();
        if (key == null) {
            return new Problem(STAGE_VALIDATE, new RejectedInputException(RejectedInputException.NULL_KEY,
                    "key: a " + type.getSimpleName() + " record needs its user id as key"));
        }
        if (payload != null && payload.length > maxRecordBytes) {
            return new Problem(STAGE_VALIDATE, new RejectedInputException(RejectedInputException.TOO_LARGE,
                    "value: " + payload.length + " bytes, more than eddy.enricher.max-record-bytes ("
                            + maxRecordBytes + ")"));
        }
        if (payload == null) {
            // The codec's own wording for a missing payload (JsonCodec#decode).
            return tombstonesAllowed ? null : new Problem(STAGE_DECODE,
                    new EventFormatException(EventFormatException.Kind.EMPTY, "$", "payload is empty"));
        }
        if (decoded.failure() != null) {
            return new Problem(STAGE_DECODE, decoded.failure());
        }
        return null;
    }
}
