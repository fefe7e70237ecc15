package dev.eddy.lake.table;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.eddy.events.EventFormatException;
import org.apache.parquet.io.api.Binary;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the common, well-formed case of a contract record in one Jackson streaming pass straight from the record's
 * bytes and builds the record with its canonical constructor (which runs the contract's validation), skipping Jackson
 * databind's per-record machinery (property buffers, a hash set per object for duplicate keys, boxed creator
 * arguments). It handles only payloads whose meaning is unambiguous: a flat object holding each of the record's fields
 * exactly once, every value already of the field's JSON type, nothing else, no trailing content. Anything else (a
 * numeric string, an explicit null in a required field, a missing, unknown or repeated field, malformed JSON or UTF-8)
 * makes {@link #decode} answer {@code null}, and the caller decodes with {@link dev.eddy.events.JsonCodec}, which then
 * produces the row or the exact error it always did. So the rows and the dead-letter reasons are the codec's; only the
 * well-formed case got cheaper.
 *
 * <p>Strings: per worker thread and string column a small cache of recent values, looked up with the characters still
 * in the parser's buffer, returns the same {@code String} and the same Parquet {@link Binary} (its UTF-8 bytes, made
 * once) for a repeated value: a repeated page, city or user agent then costs no allocation, and Parquet's dictionary
 * finds it by identity instead of comparing bytes. The cache holds at most {@value #CACHE_SLOTS} values of up to
 * {@value #CACHE_MAX_CHARS} characters per string column and thread, and is skipped for the columns a table marks as
 * unique.
 */
final class FastRowDecoder<T extends Record> {

    static final int CACHE_SLOTS = 512;
    static final int CACHE_MAX_CHARS = 128;

    /**
     * Jackson's defaults, as the codec's mapper has them (its duplicate detection is replaced by the decoder's own
     * bit set). One factory for all decoders: it shares the field-name symbol table and buffer recycling.
     */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private enum Slot { STRING, INT, LONG, BOOLEAN }

    private final Map<String, Integer> index = new HashMap<>();
    private final SerializedString[] names;
    private final Slot[] slots;
    private final boolean[] nullable;
    private final boolean[] cached;
    private final MethodHandle constructor;
    private final ThreadLocal<Scratch> scratch;

    /** The record the fast path built, and for its string fields the parsed value and (where known) its Parquet bytes. */
    record Decoded<T>(T record, Object[] parsed, Binary[] encoded) {
    }

    FastRowDecoder(Class<T> type, Set<String> uniqueColumns) {
        RecordComponent[] components = type.getRecordComponents();
        if (components.length > 64) {
            throw new IllegalArgumentException(type + " has more than 64 fields");
        }
        slots = new Slot[components.length];
        nullable = new boolean[components.length];
        cached = new boolean[components.length];
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
            cached[i] = slots[i] == Slot.STRING && !uniqueColumns.contains(name);
        }
        try {
            constructor = MethodHandles.publicLookup()
                    .unreflectConstructor(type.getDeclaredConstructor(parameterTypes))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Record.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no public canonical constructor in " + type, e);
        }
        scratch = ThreadLocal.withInitial(() -> new Scratch(slots.length));
    }

    /**
     * The record with its parsed strings, or {@code null} when the payload is not the plain well-formed case (decode it
     * with the codec). The arrays of the answer belong to the calling thread and are overwritten by its next call.
     *
     * @throws EventFormatException when the values are well-formed but the contract rejects them (its constructor's
     *                              validation), exactly as the codec would report it
     */
    @SuppressWarnings("unchecked")
    Decoded<T> decode(byte[] payload, int offset, int length) {
        if (payload == null || length == 0) {
            return null;
        }
        Scratch s = scratch.get();
        Arrays.fill(s.values, null);
        Arrays.fill(s.encoded, null);
        if (!read(payload, offset, length, s)) {
            return null;
        }
        T record;
        try {
            record = (T) (Record) constructor.invokeExact(s.values);
        } catch (EventFormatException invalid) {
            throw invalid;
        } catch (Throwable other) {
            // Not a validation failure the codec would pass on as is: let the codec say what it makes of it.
            return null;
        }
        return new Decoded<>(record, s.values, s.encoded);
    }

    private boolean read(byte[] payload, int offset, int length, Scratch s) {
        long seen = 0;
        try (JsonParser parser = JSON.createParser(payload, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (int expected = 0; ; expected++) {
                // Producers write the fields in the contract's order: matching the expected name compares the bytes
                // in place; any other order is looked up by name. Either way the parser moves to the next token.
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
                if (!value(parser, token, i, s)) {
                    return false;
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return false;
            }
        } catch (IOException | RuntimeException malformed) {
            return false;
        }
        return Long.bitCount(seen) == slots.length;
    }

    /** Stores field {@code i}'s value when the token already has the field's JSON type; false when it would need coercion. */
    private boolean value(JsonParser parser, JsonToken token, int i, Scratch s) throws IOException {
        switch (slots[i]) {
            case STRING -> {
                if (token != JsonToken.VALUE_STRING) {
                    return false;
                }
                if (cached[i]) {
                    // The characters in the parser's buffer: a repeated value is found without making a String.
                    int length = parser.getTextLength();
                    if (length <= CACHE_MAX_CHARS) {
                        CachedString value = s.cache(i).lookup(parser.getTextCharacters(), parser.getTextOffset(),
                                length);
                        s.values[i] = value.string;
                        s.encoded[i] = value.binary;
                        return true;
                    }
                }
                s.values[i] = parser.getText();
                return true;
            }
            case INT -> {
                if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                    return false;
                }
                s.values[i] = parser.getIntValue();
                return true;
            }
            case LONG -> {
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    return false;
                }
                JsonParser.NumberType type = parser.getNumberType();
                if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                    return false;
                }
                s.values[i] = parser.getLongValue();
                return true;
            }
            case BOOLEAN -> {
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    s.values[i] = token == JsonToken.VALUE_TRUE;
                    return true;
                }
                return false;
            }
            default -> throw new IllegalStateException("slot " + slots[i]);
        }
    }

    /**
     * A hash of the length and of the first, middle and last four characters: a constant number of steps whatever the
     * length (a hash of every character is a chain of dependent multiplications), good enough to pick a cache slot; a
     * hit is then confirmed character by character.
     */
    private static int quickHash(char[] c, int from, int length) {
        long h = length;
        if (length < 4) {
            for (int k = from; k < from + length; k++) {
                h = h * 31 + c[k];
            }
        } else {
            h = h * 31 + fourChars(c, from);
            h = h * 31 + fourChars(c, from + (length - 4) / 2);
            h = h * 31 + fourChars(c, from + length - 4);
        }
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private static long fourChars(char[] c, int p) {
        return c[p] | (long) c[p + 1] << 16 | (long) c[p + 2] << 32 | (long) c[p + 3] << 48;
    }

    /** Char comparison; a plain loop for the short values this sees most (Arrays.equals has a set-up cost). */
    private static boolean sameChars(char[] a, char[] b, int bFrom, int length) {
        if (length > 16) {
            return Arrays.equals(a, 0, length, b, bFrom, bFrom + length);
        }
        for (int k = 0; k < length; k++) {
            if (a[k] != b[bFrom + k]) {
                return false;
            }
        }
        return true;
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

    /**
     * A string value with its characters (to confirm a hit) and its UTF-8 bytes wrapped for Parquet, made as the codec
     * path makes them ({@link String#getBytes}); never modified: Parquet may keep the bytes.
     */
    private static final class CachedString {
        final int hash;
        final char[] chars;
        final String string;
        final Binary binary;

        CachedString(int hash, char[] c, int from, int length) {
            this.hash = hash;
            this.chars = Arrays.copyOfRange(c, from, from + length);
            this.string = new String(chars);
            this.binary = Binary.fromConstantByteArray(string.getBytes(StandardCharsets.UTF_8));
        }

        boolean is(char[] c, int from, int length, int otherHash) {
            return hash == otherHash && chars.length == length && sameChars(chars, c, from, length);
        }
    }

    /** Recent values of one string column on one thread: direct-mapped, a newer value replaces an older one. */
    private static final class StringCache {
        private final CachedString[] slots = new CachedString[CACHE_SLOTS];

        CachedString lookup(char[] c, int from, int length) {
            int hash = quickHash(c, from, length);
            int slot = hash >>> (Integer.SIZE - Integer.numberOfTrailingZeros(CACHE_SLOTS));
            CachedString entry = slots[slot];
            if (entry != null && entry.is(c, from, length, hash)) {
                return entry;
            }
            entry = new CachedString(hash, c, from, length);
            slots[slot] = entry;
            return entry;
        }
    }

    /** One thread's working arrays and string caches for this decoder. */
    private static final class Scratch {
        final Object[] values;
        final Binary[] encoded;
        final StringCache[] caches;

        Scratch(int fields) {
            values = new Object[fields];
            encoded = new Binary[fields];
            caches = new StringCache[fields];
        }

        StringCache cache(int i) {
            StringCache cache = caches[i];
            if (cache == null) {
                cache = new StringCache();
                caches[i] = cache;
            }
            return cache;
        }
    }
}
