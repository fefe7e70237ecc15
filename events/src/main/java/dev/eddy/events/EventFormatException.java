package dev.eddy.events;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The one exception a malformed payload raises, whatever the contract: it names the offending field and the reason.
 * It extends Kafka's {@link SerializationException} so Kafka clients and Kafka Streams treat it as a deserialisation
 * failure and hand it to their error handlers.
 */
public class EventFormatException extends SerializationException {

    /** What kind of problem; a small closed set so it can label metrics without unbounded cardinality. */
    public enum Kind {
        /** Not parseable as JSON at all (syntax error, invalid UTF-8, truncated). */
        MALFORMED_JSON,
        /** A required field is absent or null. */
        MISSING_FIELD,
        /** A field has the wrong JSON type (object where a number belongs, "abc" for an int, ...). */
        WRONG_TYPE,
        /** Well-typed but outside the field's domain (negative bytes, status 1234, blank request, ...). */
        INVALID_VALUE,
        /** No payload at all (a null value or an empty array of bytes). */
        EMPTY
    }

    private final String field;
    private final String reason;
    private final Kind kind;

    public EventFormatException(Kind kind, String field, String reason) {
        this(kind, field, reason, null);
    }

    public EventFormatException(Kind kind, String field, String reason, Throwable cause) {
        super(field + ": " + reason, cause);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
    }

    /** The JSON field at fault, as a dotted path; {@code "$"} when the document as a whole is unreadable. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    public Kind kind() {
        return kind;
    }
}
