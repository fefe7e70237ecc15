package dev.eddy.enricher.streams;

import dev.eddy.events.Click;

import java.nio.charset.StandardCharsets;

/**
 * Record keys as the enricher sees them: raw bytes, so that a rejected record reaches the dead-letter topic byte for
 * byte. A well-formed key is the user id as an ASCII decimal string ({@code "42"}, {@code "-1"}), which is what Eddy's
 * generator writes and what Datagen's users connector writes with either the String or the JSON converter.
 */
public final class UserKeys {

    public static final byte[] ANONYMOUS = of(Click.ANONYMOUS_USER_ID);

    private UserKeys() {
    }

    public static byte[] of(int userId) {
        return Integer.toString(userId).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code key} is exactly the decimal form of {@code userId}, compared without allocating. */
    public static boolean matches(byte[] key, int userId) {
        if (key == null || key.length == 0) {
            return false;
        }
        long value = userId;
        int index = key.length - 1;
        boolean negative = value < 0;
        long remaining = Math.abs(value);
        do {
            if (index < 0 || key[index] != (byte) ('0' + remaining % 10)) {
                return false;
            }
            remaining /= 10;
            index--;
        } while (remaining > 0);
        if (negative) {
            return index == 0 && key[0] == '-';
        }
        return index == -1;
    }

    /** The key for log messages and dead-letter headers, abbreviated. */
    static String describe(byte[] key) {
        if (key == null) {
            return "null";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        return "'" + (text.length() <= 40 ? text : text.substring(0, 37) + "...") + "'";
    }
}
