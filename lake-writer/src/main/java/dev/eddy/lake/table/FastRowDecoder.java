package dev.eddy.lake.table;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.eddy.events.EventFormatException;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the common, well-formed case of a contract record in one Jackson streaming pass and builds the record with
 * its canonical constructor (which runs the contract's validation), skipping Jackson databind's per-record machinery
 * (property buffers, a hash set per object for duplicate keys, boxed creator arguments). It handles only payloads whose
 * meaning is unambiguous: a flat object holding each of the record's fields exactly once, every value already of the
 * field's JSON type, nothing else, no trailing content. Anything else (a numeric string, an explicit null in a
 * required field, a missing, unknown or repeated field, malformed JSON) makes {@link #decode} answer {@code null}, and
 * the caller decodes with {@link dev.eddy.events.JsonCodec}, which then produces the row or the exact error it always
 * did. So the rows and the dead-letter reasons are the codec's; only the well-formed case got cheaper.
 */
final class FastRowDecoder<T extends Record> {

    /** Jackson's defaults, as the codec's mapper has them (its duplicate detection is replaced by {@link #seen}). */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private enum Slot { STRING, INT, LONG, BOOLEAN }

    private final Map<String, Integer> index = new HashMap<>();
    private final SerializedString[] names;
    private final Slot[] slots;
    private final boolean[] nullable;
    private final MethodHandle constructor;

    FastRowDecoder(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components.length > 64) {
            throw new IllegalArgumentException(type + " has more than 64 fields");
        }
        slots = new Slot[components.length];
        nullable = new boolean[components.length];
        names = new SerializedString[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            JsonProperty property = jsonProperty(type, component);
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            index.put(name, i);
            names[i] = new SerializedString(name);
            Class<?> javaType = component.getType();
            parameterTypes[i] = javaType;
            slots[i] = slotOf(javaType);
            // Jackson lets an explicit null through for a reference type only when the field is not "required";
            // anything subtler is left to the codec.
            nullable[i] = !javaType.isPrimitive() && (property == null || !property.required());
        }
        try {
            constructor = MethodHandles.publicLookup()
                    .unreflectConstructor(type.getDeclaredConstructor(parameterTypes))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Record.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no public canonical constructor in " + type, e);
        }
    }

    /**
     * The record, or {@code null} when the payload is not the plain well-formed case (decode it with the codec).
     *
     * @throws EventFormatException when the values are well-formed but the contract rejects them (its constructor's
     *                              validation), exactly as the codec would report it
     */
    @SuppressWarnings("unchecked")
    T decode(byte[] payload) {
        Object[] values = new Object[slots.length];
        if (!read(payload, values)) {
            return null;
        }
        try {
            return (T) (Record) constructor.invokeExact(values);
        } catch (EventFormatException invalid) {
            throw invalid;
        } catch (Throwable other) {
            // Not a validation failure the codec would pass on as is: let the codec say what it makes of it.
            return null;
        }
    }

    private boolean read(byte[] payload, Object[] values) {
        if (payload == null || payload.length == 0) {
            return false;
        }
        long seen = 0;
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (int expected = 0; ; expected++) {
                // Producers write the fields in the contract's order: matching the expected name is a comparison of
                // a few ints; any other order is looked up by name. Either way the parser moves to the next token.
                boolean inOrder = false;
                if (expected < names.length) {
                    inOrder = parser.nextFieldName(names[expected]);
                } else {
                    parser.nextToken();
                }
                int i;
                if (inOrder) {
                    i = expected;
                } else if (parser.currentToken() == JsonToken.FIELD_NAME) {
                    Integer found = index.get(parser.currentName());
                    if (found == null) {
                        return false;
                    }
                    i = found;
                } else {
                    break;
                }
                if ((seen & (1L << i)) != 0) {
                    return false;
                }
                seen |= 1L << i;
                JsonToken token = parser.nextToken();
                if (token == JsonToken.VALUE_NULL) {
                    if (!nullable[i]) {
                        return false;
                    }
                    continue;
                }
                Object value = value(parser, token, slots[i]);
                if (value == null) {
                    return false;
                }
                values[i] = value;
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return false;
            }
        } catch (IOException | RuntimeException malformed) {
            return false;
        }
        return Long.bitCount(seen) == slots.length;
    }

    /** The value when the token already has the field's JSON type; {@code null} when it would need coercion. */
    private static Object value(JsonParser parser, JsonToken token, Slot slot) throws IOException {
        return switch (slot) {
            case STRING -> token == JsonToken.VALUE_STRING ? parser.getText() : null;
            case INT -> token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
                    ? (Object) parser.getIntValue() : null;
            case LONG -> token == JsonToken.VALUE_NUMBER_INT && (parser.getNumberType() == JsonParser.NumberType.INT
                    || parser.getNumberType() == JsonParser.NumberType.LONG) ? (Object) parser.getLongValue() : null;
            case BOOLEAN -> token == JsonToken.VALUE_TRUE ? Boolean.TRUE
                    : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        };
    }

    private static Slot slotOf(Class<?> javaType) {
        if (javaType == String.class) {
            return Slot.STRING;
        }
        if (javaType == int.class || javaType == Integer.class) {
            return Slot.INT;
        }
        if (javaType == long.class || javaType == Long.class) {
            return Slot.LONG;
        }
        if (javaType == boolean.class || javaType == Boolean.class) {
            return Slot.BOOLEAN;
        }
        throw new IllegalStateException("no fast decoding for fields of type " + javaType.getName());
    }

    private static JsonProperty jsonProperty(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record component without field: " + component, e);
        }
    }

    @Override
    public String toString() {
        return "FastRowDecoder" + Arrays.toString(slots);
    }
}
