package dev.eddy.lake.table;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eddy.events.EventFormatException;
import org.apache.parquet.io.api.Binary;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.RecordComponent;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the common, well-formed case of a contract record with a small hand-written scanner straight from the
 * record's bytes, and builds the record with its canonical constructor (which runs the contract's validation). It
 * accepts only payloads whose meaning is unambiguous: one flat JSON object holding each of the record's fields exactly
 * once, every value already of the field's JSON type (strings in valid UTF-8 without raw control characters and with
 * only JSON's escapes; integers of at most 18 digits without leading zeros; {@code true}/{@code false}; {@code null}
 * where the contract allows it), JSON whitespace between tokens, nothing after the object. Anything else makes
 * {@link #decode} answer {@code null}, and the caller decodes with {@link dev.eddy.events.JsonCodec}, which then
 * produces the row or the exact error it always did. So the rows and the dead-letter reasons are the codec's; only
 * the well-formed case got cheaper.
 *
 * <p>Why not Jackson's streaming parser: per record it builds a parser, a symbol table child and a text buffer,
 * decodes every string to chars and every number through a text buffer; for ≈ 25 fields that was a quarter of the
 * writer's CPU. The scanner instead finds each value's bytes in place and keeps, per worker thread and string column,
 * a small cache of recent values with their UTF-8 bytes already wrapped for Parquet: a repeated value (a page, a
 * city, a user agent) then costs no allocation, and Parquet's dictionary finds it by identity instead of comparing
 * bytes. The cache holds at most {@value #CACHE_SLOTS} values of up to {@value #CACHE_MAX_BYTES} bytes per string
 * column and thread, and is skipped for the columns a table marks as unique.
 */
final class FastRowDecoder<T extends Record> {

    static final int CACHE_SLOTS = 512;
    static final int CACHE_MAX_BYTES = 128;
    /** Longer strings are left to the codec, far below Jackson's own limit (so the codec, not this class, decides). */
    private static final int MAX_STRING_BYTES = 1 << 20;

    private enum Slot { STRING, INT, LONG, BOOLEAN }

    private final Map<String, Integer> index = new HashMap<>();
    private final byte[][] names;
    private final Slot[] slots;
    private final boolean[] nullable;
    private final boolean[] cached;
    private final MethodHandle constructor;
    private final ThreadLocal<Scratch> scratch;

    /** The record the fast path built, and for its string fields the parsed value and its Parquet bytes. */
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
        names = new byte[components.length][];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            JsonProperty property = jsonProperty(type, component);
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            index.put(name, i);
            names[i] = name.getBytes(StandardCharsets.UTF_8);
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
        if (!read(payload, offset, offset + length, s)) {
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

    private boolean read(byte[] b, int start, int end, Scratch s) {
        int p = skipWhitespace(b, start, end);
        if (p >= end || b[p] != '{') {
            return false;
        }
        p = skipWhitespace(b, p + 1, end);
        long seen = 0;
        if (p < end && b[p] == '}') {
            p++;
        } else {
            for (int expected = 0; ; expected++) {
                if (p >= end || b[p] != '"') {
                    return false;
                }
                // Producers write the fields in the contract's order: then the name is one comparison; any other order
                // is looked up by name.
                int i;
                if (expected < names.length && nameAt(b, p + 1, end, names[expected])) {
                    i = expected;
                    p += names[expected].length + 2;
                } else {
                    int close = plainAsciiEnd(b, p + 1, end);
                    if (close < 0) {
                        return false;
                    }
                    Integer found = index.get(new String(b, p + 1, close - p - 1, StandardCharsets.ISO_8859_1));
                    if (found == null) {
                        return false;
                    }
                    i = found;
                    p = close + 1;
                }
                if ((seen & (1L << i)) != 0) {
                    return false;
                }
                seen |= 1L << i;
                p = skipWhitespace(b, p, end);
                if (p >= end || b[p] != ':') {
                    return false;
                }
                p = skipWhitespace(b, p + 1, end);
                p = value(b, p, end, i, s);
                if (p < 0) {
                    return false;
                }
                p = skipWhitespace(b, p, end);
                if (p >= end) {
                    return false;
                }
                if (b[p] == '}') {
                    p++;
                    break;
                }
                if (b[p] != ',') {
                    return false;
                }
                p = skipWhitespace(b, p + 1, end);
            }
        }
        return skipWhitespace(b, p, end) == end && Long.bitCount(seen) == slots.length;
    }

    /** Reads field {@code i}'s value at {@code p} into the scratch; the position after it, or -1 to give up. */
    private int value(byte[] b, int p, int end, int i, Scratch s) {
        if (p >= end) {
            return -1;
        }
        if (b[p] == 'n') {
            return nullable[i] && literal(b, p, end, NULL) ? p + NULL.length : -1;
        }
        return switch (slots[i]) {
            case STRING -> string(b, p, end, i, s);
            case INT, LONG -> number(b, p, end, i, s);
            case BOOLEAN -> {
                if (literal(b, p, end, TRUE)) {
                    s.values[i] = Boolean.TRUE;
                    yield p + TRUE.length;
                }
                if (literal(b, p, end, FALSE)) {
                    s.values[i] = Boolean.FALSE;
                    yield p + FALSE.length;
                }
                yield -1;
            }
        };
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** An integer without sign tricks, leading zeros, fraction or exponent, that fits the field's Java type. */
    private int number(byte[] b, int p, int end, int i, Scratch s) {
        boolean negative = b[p] == '-';
        int q = negative ? p + 1 : p;
        int first = q;
        long magnitude = 0;
        while (q < end && b[q] >= '0' && b[q] <= '9') {
            magnitude = magnitude * 10 + (b[q] - '0');
            q++;
        }
        int digits = q - first;
        // No digits, more than 18 (may not fit a long), a leading zero ("01", and "-0"): the codec decides.
        if (digits == 0 || digits > 18 || (b[first] == '0' && (digits > 1 || negative))) {
            return -1;
        }
        long number = negative ? -magnitude : magnitude;
        if (slots[i] == Slot.INT) {
            if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                return -1;
            }
            s.values[i] = (int) number;
        } else {
            s.values[i] = number;
        }
        return q;
    }

    /** A string without escapes or control characters, in valid UTF-8; its value (cached when repeated). */
    private int string(byte[] b, int p, int end, int i, Scratch s) {
        if (b[p] != '"') {
            return -1;
        }
        int from = p + 1;
        boolean ascii = true;
        int q = from;
        while (true) {
            if (q >= end) {
                return -1;
            }
            byte c = b[q];
            if (c == '"') {
                break;
            }
            if (c >= 0) {
                if (c == '\\') {
                    return escapedString(b, from, end, i, s);
                }
                if (c < 0x20) {
                    return -1;
                }
                q++;
            } else {
                int next = utf8Sequence(b, q, end);
                if (next < 0) {
                    return -1;
                }
                q = next;
                ascii = false;
            }
        }
        int length = q - from;
        if (length > MAX_STRING_BYTES) {
            return -1;
        }
        CachedString value = cached[i] && length <= CACHE_MAX_BYTES
                ? s.cache(i).lookup(b, from, length, quickHash(b, from, length), ascii)
                : CachedString.of(b, from, length, 0, ascii);
        s.values[i] = value.string;
        s.encoded[i] = value.binary;
        return q + 1;
    }

    /**
     * A string with escape sequences (rare): decoded to chars as Jackson does (a {@code \\u} escape is one UTF-16
     * unit, so a pair makes one code point), encoded for Parquet as the codec's path would encode it, not cached.
     */
    private static int escapedString(byte[] b, int from, int end, int i, Scratch s) {
        StringBuilder text = new StringBuilder();
        int q = from;
        while (true) {
            if (q >= end || q - from > MAX_STRING_BYTES) {
                return -1;
            }
            byte c = b[q];
            if (c == '"') {
                break;
            }
            if (c >= 0 && c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                if (q + 1 >= end) {
                    return -1;
                }
                byte e = b[q + 1];
                switch (e) {
                    case '"', '\\', '/' -> text.append((char) e);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        if (q + 6 > end) {
                            return -1;
                        }
                        int unit = 0;
                        for (int k = q + 2; k < q + 6; k++) {
                            int digit = Character.digit(b[k], 16);
                            if (digit < 0) {
                                return -1;
                            }
                            unit = unit * 16 + digit;
                        }
                        text.append((char) unit);
                        q += 4;
                    }
                    default -> {
                        return -1;
                    }
                }
                q += 2;
            } else if (c >= 0) {
                text.append((char) c);
                q++;
            } else {
                int next = utf8Sequence(b, q, end);
                if (next < 0) {
                    return -1;
                }
                text.append(new String(b, q, next - q, StandardCharsets.UTF_8));
                q = next;
            }
        }
        String value = text.toString();
        s.values[i] = value;
        s.encoded[i] = Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
        return q + 1;
    }

    /**
     * The end of the well-formed multi-byte UTF-8 sequence at {@code p} (no overlong forms, no surrogates, nothing
     * above U+10FFFF), or -1.
     */
    private static int utf8Sequence(byte[] b, int p, int end) {
        int lead = b[p] & 0xFF;
        int continuation;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuation = 2;
            if (lead == 0xE0) {
                min = 0xA0;
            } else if (lead == 0xED) {
                max = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuation = 3;
            if (lead == 0xF0) {
                min = 0x90;
            } else if (lead == 0xF4) {
                max = 0x8F;
            }
        } else {
            return -1;
        }
        if (p + continuation >= end) {
            return -1;
        }
        int second = b[p + 1] & 0xFF;
        if (second < min || second > max) {
            return -1;
        }
        for (int k = 2; k <= continuation; k++) {
            if ((b[p + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return p + continuation + 1;
    }

    /**
     * A hash of the length and the first, middle and last eight bytes: a constant number of steps whatever the length
     * (a hash of every byte is a chain of dependent multiplications), good enough to pick a cache slot; a hit is then
     * confirmed byte by byte.
     */
    private static int quickHash(byte[] b, int from, int length) {
        long h = length;
        if (length < Long.BYTES) {
            for (int k = from; k < from + length; k++) {
                h = h * 31 + b[k];
            }
        } else {
            h = h * 31 + (long) LONGS.get(b, from);
            h = h * 31 + (long) LONGS.get(b, from + (length - Long.BYTES) / 2);
            h = h * 31 + (long) LONGS.get(b, from + length - Long.BYTES);
        }
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static boolean nameAt(byte[] b, int p, int end, byte[] name) {
        int close = p + name.length;
        return close < end && b[close] == '"' && sameBytes(b, p, name, 0, name.length);
    }

    /** Byte comparison; a plain loop for the short names and values this sees most (Arrays.equals has a set-up cost). */
    private static boolean sameBytes(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        if (length > 16) {
            return Arrays.equals(a, aFrom, aFrom + length, b, bFrom, bFrom + length);
        }
        for (int k = 0; k < length; k++) {
            if (a[aFrom + k] != b[bFrom + k]) {
                return false;
            }
        }
        return true;
    }

    /** The closing quote of a name of printable ASCII without escapes starting at {@code p}, or -1. */
    private static int plainAsciiEnd(byte[] b, int p, int end) {
        for (int q = p; q < end; q++) {
            byte c = b[q];
            if (c == '"') {
                return q;
            }
            if (c < 0x20 || c == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean literal(byte[] b, int p, int end, byte[] word) {
        return p + word.length <= end && Arrays.equals(b, p, p + word.length, word, 0, word.length);
    }

    private static int skipWhitespace(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
            p++;
        }
        return p;
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

    /** A string value with its UTF-8 bytes wrapped for Parquet (never modified: Parquet may keep it). */
    private static final class CachedString {
        final int hash;
        final byte[] bytes;
        final String string;
        final Binary binary;

        private CachedString(int hash, byte[] bytes, String string) {
            this.hash = hash;
            this.bytes = bytes;
            this.string = string;
            this.binary = Binary.fromConstantByteArray(bytes);
        }

        static CachedString of(byte[] b, int from, int length, int hash, boolean ascii) {
            byte[] bytes = Arrays.copyOfRange(b, from, from + length);
            return new CachedString(hash, bytes,
                    new String(bytes, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }

        boolean is(byte[] b, int from, int length, int otherHash) {
            return hash == otherHash && bytes.length == length && sameBytes(bytes, 0, b, from, length);
        }
    }

    /** Recent values of one string column on one thread: direct-mapped, a newer value replaces an older one. */
    private static final class StringCache {
        private final CachedString[] slots = new CachedString[CACHE_SLOTS];

        CachedString lookup(byte[] b, int from, int length, int hash, boolean ascii) {
            int slot = hash >>> (Integer.SIZE - Integer.numberOfTrailingZeros(CACHE_SLOTS));
            CachedString entry = slots[slot];
            if (entry != null && entry.is(b, from, length, hash)) {
                return entry;
            }
            entry = CachedString.of(b, from, length, hash, ascii);
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
