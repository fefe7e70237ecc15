package dev.eddy.events;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The headers every record on {@value Topics#DEAD_LETTERS} carries beside its original, untouched key and value bytes:
 * why it failed and where it came from, so an operator can find, fix and replay it.
 */
public record DeadLetterHeaders(
        String errorClass,
        String errorMessage,
        String reason,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String stage) {

    public static final String ERROR_CLASS = "eddy.error.class";
    public static final String ERROR_MESSAGE = "eddy.error.message";
    /** A short, bounded code for the failure (e.g. {@code malformed_json}, {@code missing_field}); labels metrics. */
    public static final String REASON = "eddy.error.reason";
    public static final String SOURCE_TOPIC = "eddy.source.topic";
    public static final String SOURCE_PARTITION = "eddy.source.partition";
    public static final String SOURCE_OFFSET = "eddy.source.offset";
    /** Which service and step gave up on the record, e.g. {@code enricher.deserialize}. */
    public static final String STAGE = "eddy.stage";

    /** The bounded reason code for an exception: the contract's kind when known, else {@code processing_error}. */
    public static String reasonOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EventFormatException format) {
                return format.kind().name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "processing_error";
    }

    public static DeadLetterHeaders of(Throwable error, String sourceTopic, int sourcePartition, long sourceOffset,
                                       String stage) {
        return new DeadLetterHeaders(error.getClass().getName(), String.valueOf(error.getMessage()), reasonOf(error),
                sourceTopic, sourcePartition, sourceOffset, stage);
    }

    /** Adds these headers to {@code headers} (replacing any earlier values of the same names) and returns it. */
    public Headers writeTo(Headers headers) {
        put(headers, ERROR_CLASS, errorClass);
        put(headers, ERROR_MESSAGE, errorMessage);
        put(headers, REASON, reason);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        put(headers, STAGE, stage);
        return headers;
    }

    public Headers toHeaders() {
        return writeTo(new RecordHeaders());
    }

    /** Reads the headers back, e.g. in a tool that inspects or replays the dead-letter topic. */
    public static Optional<DeadLetterHeaders> readFrom(Headers headers) {
        Optional<String> stage = text(headers, STAGE);
        if (stage.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetterHeaders(
                text(headers, ERROR_CLASS).orElse(""),
                text(headers, ERROR_MESSAGE).orElse(""),
                text(headers, REASON).orElse(""),
                text(headers, SOURCE_TOPIC).orElse(""),
                text(headers, SOURCE_PARTITION).map(Integer::parseInt).orElse(-1),
                text(headers, SOURCE_OFFSET).map(Long::parseLong).orElse(-1L),
                stage.get()));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
