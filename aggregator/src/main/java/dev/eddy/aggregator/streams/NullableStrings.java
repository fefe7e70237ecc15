package dev.eddy.aggregator.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The one encoding of an optional text field in the aggregator's binary serdes: a 4-byte length (-1 for null), then
 * the UTF-8 bytes.
 */
final class NullableStrings {

    private NullableStrings() {
    }

    static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes {@link #put} writes for {@code bytes}. */
    static int encodedLength(byte[] bytes) {
        return 4 + (bytes == null ? 0 : bytes.length);
    }

    static void put(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(bytes.length).put(bytes);
        }
    }

    static String get(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
