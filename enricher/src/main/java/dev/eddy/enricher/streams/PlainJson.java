package dev.eddy.enricher.streams;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Whether a JSON payload is plain: every byte printable ASCII (0x20-0x7F) and none a backslash. Then every text a
 * JSON parser decodes from it is exactly its bytes between two quotes - no escape sequence, no multi-byte character,
 * no control character, no quote inside - which is also exactly what JSON writes back for it. That lets the enriched
 * click's encoder copy a plain click's texts without looking at each character again ({@link EnrichedClickSerializer}).
 * Nearly every click is plain; whitespace other than the space (pretty-printed JSON) only makes a payload not plain.
 *
 * <p>The same for one text already decoded ({@link #isPlainText}): a user's, checked once per version instead of at
 * every click that is joined with it ({@link JoinedUser}).
 */
final class PlainJson {

    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private PlainJson() {
    }

    static boolean isPlain(byte[] payload) {
        int i = 0;
        // Eight bytes at a time: this runs once per click, over a few hundred bytes.
        for (; i + Long.BYTES <= payload.length; i += Long.BYTES) {
            if (anyNotPlain((long) EIGHT_BYTES.get(payload, i))) {
                return false;
            }
        }
        for (; i < payload.length; i++) {
            byte b = payload[i];
            if (b < 0x20 || b == '\\') {     // below the space, a backslash, or (negative) beyond 0x7F
                return false;
            }
        }
        return true;
    }

    /**
     * Whether JSON writes this text as it is: every character printable ASCII (0x20-0x7F), none a quote or a
     * backslash. {@code null} has no characters to write.
     */
    static boolean isPlainText(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isWrittenAsIs(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether JSON (Jackson, the contract's codec) writes this character of a text as it is: 0x20-0x7F except the
     * quote and the backslash; anything else is escaped or takes several bytes.
     */
    static boolean isWrittenAsIs(char c) {
        return c >= 0x20 && c <= 0x7F && c != '"' && c != '\\';
    }

    /**
     * Whether any of the eight bytes in {@code word} is below 0x20, beyond 0x7F or a backslash. The usual bit tricks
     * for "some byte is below n" ((x - n·0x01..) & ~x & 0x80..) and "some byte is zero" (the same with n = 1, on x
     * XOR the backslashes), and a byte beyond 0x7F has its own high bit: exact for "some byte", all that is asked.
     */
    static boolean anyNotPlain(long word) {
        long backslashes = word ^ (ONES * '\\');
        long found = ((word - ONES * 0x20) & ~word)
                | ((backslashes - ONES) & ~backslashes)
                | word;
        return (found & HIGH_BITS) != 0;
    }
}
