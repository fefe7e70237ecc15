package dev.eddy.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads and writes one contract record as JSON. Every failure to read becomes an {@link EventFormatException} that
 * names the field, so the dead-letter topic can say exactly what was wrong.
 */
public final class JsonCodec<T> {

    /**
     * One mapper for every contract. Unknown fields are ignored (a newer producer may add fields; Datagen records carry
     * none Eddy lacks), numeric strings are accepted for numbers (Datagen writes {@code "200"}), but a fraction for an
     * integer, a null for a primitive and trailing garbage after the document are errors.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public JsonCodec(Class<T> type) {
        this.type = type;
        this.reader = MAPPER.readerFor(type);
        this.writer = MAPPER.writerFor(type);
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Records of this module always serialise; reaching this is a programming error, not bad input.
            throw new IllegalStateException("cannot write " + type.getSimpleName() + " as JSON", e);
        }
    }

    public String encodeToString(T value) {
        return new String(encode(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Decodes one payload.
     *
     * @throws EventFormatException when the payload is empty, is not JSON, or does not satisfy the contract
     */
    public T decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new EventFormatException(EventFormatException.Kind.EMPTY, "$", "payload is empty");
        }
        try {
            T value = reader.readValue(payload);
            if (value == null) {
                throw new EventFormatException(EventFormatException.Kind.EMPTY, "$", "payload is JSON null");
            }
            return value;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    public T decode(String json) {
        return decode(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private EventFormatException translate(IOException e) {
        // Jackson wraps both our own validation errors (thrown by the records' constructors) and low-level parse
        // errors (invalid UTF-8, duplicate keys) in mapping exceptions; the innermost cause says what really happened.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof EventFormatException invalid) {
                return invalid;
            }
            if (cause instanceof StreamReadException unreadable) {
                return new EventFormatException(EventFormatException.Kind.MALFORMED_JSON, "$",
                        firstLine(String.valueOf(unreadable.getOriginalMessage())), e);
            }
        }
        if (e instanceof InvalidFormatException invalidFormat) {
            return new EventFormatException(EventFormatException.Kind.WRONG_TYPE, path(invalidFormat),
                    "cannot read " + describe(invalidFormat.getValue()) + " as "
                            + invalidFormat.getTargetType().getSimpleName(), e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            String message = String.valueOf(mismatch.getOriginalMessage());
            if (message.startsWith("Missing required creator property")) {
                String field = message.replaceFirst("^Missing required creator property '([^']*)'.*$", "$1");
                return new EventFormatException(EventFormatException.Kind.MISSING_FIELD, field, "is required", e);
            }
            if (message.contains("Cannot map `null` into type")) {
                return new EventFormatException(EventFormatException.Kind.MISSING_FIELD, path(mismatch),
                        "must not be null", e);
            }
            if (message.startsWith("Trailing token")) {
                return new EventFormatException(EventFormatException.Kind.MALFORMED_JSON, "$",
                        "unexpected content after the JSON document", e);
            }
            return new EventFormatException(EventFormatException.Kind.WRONG_TYPE, path(mismatch),
                    firstLine(message), e);
        }
        if (e instanceof JsonMappingException mapping) {
            return new EventFormatException(EventFormatException.Kind.WRONG_TYPE, path(mapping),
                    firstLine(String.valueOf(mapping.getOriginalMessage())), e);
        }
        return new EventFormatException(EventFormatException.Kind.MALFORMED_JSON, "$",
                firstLine(String.valueOf(e.getMessage())), e);
    }

    private static String path(JsonMappingException e) {
        if (e.getPath() == null || e.getPath().isEmpty()) {
            return "$";
        }
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String describe(Object value) {
        return value instanceof String text ? "\"" + abbreviate(text) + "\"" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return abbreviate(newline < 0 ? message : message.substring(0, newline));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
