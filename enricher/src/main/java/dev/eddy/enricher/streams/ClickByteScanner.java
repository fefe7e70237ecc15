package dev.eddy.enricher.streams;

import dev.eddy.events.Click;

import java.nio.charset.StandardCharsets;

/**
 * Reads the usual click straight from its bytes, without a JSON parser: an object of known fields, each once, whose
 * texts are printable ASCII without escapes (what Eddy's generator and Datagen write) and whose numbers are plain
 * decimals, as JSON numbers or, as Datagen writes them, in quotes. That is the first and cheapest of the click
 * decoders (then {@link ClickFastReader}'s streaming parser, then the contract's codec), and it runs once per click.
 *
 * <p>It answers only where the contract's codec would read the same click, and returns {@code null} for anything else:
 * escapes or non-ASCII text, unknown or repeated fields, other value types, numbers with a sign other than '-', a
 * leading zero, a fraction or an exponent, or too many digits to be sure they fit, anything after the object, and
 * values the contract refuses. {@code ClickFastReaderTest} holds it to the codec's answers on good, Datagen-shaped and
 * randomly damaged payloads.
 */
final class ClickByteScanner {

    /** Digits that always fit: an int has 10 digits at most, a long 19; fewer is decided here, more by the codec. */
    private static final int MAX_INT_DIGITS = 9;
    private static final int MAX_LONG_DIGITS = 18;
    /** Returned by the number readers when the value is outside the shape this scanner answers for. */
    private static final long NOT_MINE = Long.MIN_VALUE;

    private final byte[] in;
    private int at;

    private ClickByteScanner(byte[] in) {
        this.in = in;
    }

    /** The click, or {@code null} when the payload is not in the shape this scanner answers for. */
    static Click read(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        return new ClickByteScanner(payload).click();
    }

    private Click click() {
        ClickFields fields = new ClickFields();
        skipWhitespace();
        if (!take('{')) {
            return null;
        }
        skipWhitespace();
        if (peek() == '}') {
            return null;                            // no fields: the codec says which are missing
        }
        while (true) {
            int field = fieldName();
            if (!fields.firstSighting(field)) {
                return null;                        // unknown, repeated or unusual name: the codec decides
            }
            skipWhitespace();
            if (!take(':')) {
                return null;
            }
            skipWhitespace();
            if (ClickFields.isNumber(field)) {
                long number = number(ClickFields.isInt(field) ? MAX_INT_DIGITS : MAX_LONG_DIGITS);
                if (number == NOT_MINE) {
                    return null;
                }
                fields.number(field, number);
            } else if (peek() == 'n') {
                if (!literalNull()) {
                    return null;
                }
                fields.text(field, null);
            } else {
                String text = text();
                if (text == null) {
                    return null;
                }
                fields.text(field, text);
            }
            skipWhitespace();
            if (take('}')) {
                break;
            }
            if (!take(',')) {
                return null;
            }
            skipWhitespace();
        }
        skipWhitespace();
        return at == in.length ? fields.click() : null;     // nothing may follow the object
    }

    /** The field whose quoted name starts here (the position moves past it), 0 for any other or an escaped name. */
    private int fieldName() {
        int start = at + 1;
        int end = endOfPlainText();
        if (end < 0) {
            return 0;
        }
        int length = end - start;
        byte first = length > 0 ? in[start] : 0;
        int field = switch (length) {
            case 2 -> is(start, "ip") ? ClickFields.IP : 0;
            case 4 -> is(start, "time") ? ClickFields.TIME : 0;
            case 5 -> first == '_' ? (is(start, "_time") ? ClickFields.EVENT_TIME : 0)
                    : first == 'b' ? (is(start, "bytes") ? ClickFields.BYTES : 0)
                    : (is(start, "agent") ? ClickFields.AGENT : 0);
            case 6 -> first == 'u' ? (is(start, "userid") ? ClickFields.USERID : 0)
                    : (is(start, "status") ? ClickFields.STATUS : 0);
            case 7 -> is(start, "request") ? ClickFields.REQUEST : 0;
            case 8 -> first == 'r' ? (is(start, "referrer") ? ClickFields.REFERRER : 0)
                    : (is(start, "event_id") ? ClickFields.EVENT_ID : 0);
            case 10 -> is(start, "session_id") ? ClickFields.SESSION_ID : 0;
            case 11 -> is(start, "remote_user") ? ClickFields.REMOTE_USER : 0;
            default -> 0;
        };
        at = end + 1;
        return field;
    }

    private boolean is(int start, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (in[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A quoted text of printable ASCII without escapes (the position moves past it); {@code null} for any other. */
    private String text() {
        int start = at + 1;
        int end = endOfPlainText();
        if (end < 0) {
            return null;
        }
        at = end + 1;
        // Printable ASCII only, so Latin-1 is the same text, decoded as a plain copy.
        return new String(in, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Where the quoted text starting at the current position ends (its closing quote), or -1 when the position is not
     * at a quote or the text holds anything but printable ASCII (0x20-0x7E) without a backslash.
     */
    private int endOfPlainText() {
        if (at >= in.length || in[at] != '"') {
            return -1;
        }
        for (int i = at + 1; i < in.length; i++) {
            byte b = in[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b > 0x7E || b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * A decimal integer as a JSON number or a quoted string ({@code 0} or {@code -?[1-9][0-9]*}, at most
     * {@code maxDigits} digits: the shapes Jackson reads, and coerces from text, to the same number);
     * {@link #NOT_MINE} for anything else.
     */
    private long number(int maxDigits) {
        boolean quoted = take('"');
        boolean negative = take('-');
        int start = at;
        long value = 0;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            value = value * 10 + (in[at] - '0');
            at++;
        }
        int digits = at - start;
        if (digits == 0 || digits > maxDigits || (in[start] == '0' && (digits > 1 || negative))) {
            return NOT_MINE;
        }
        if (quoted) {
            if (!take('"')) {
                return NOT_MINE;
            }
        } else if (at < in.length && !isDelimiter(in[at])) {
            return NOT_MINE;                        // a fraction, an exponent, or junk: the codec decides
        }
        return negative ? -value : value;
    }

    private boolean literalNull() {
        if (at + 4 <= in.length && in[at] == 'n' && in[at + 1] == 'u' && in[at + 2] == 'l' && in[at + 3] == 'l') {
            at += 4;
            return at == in.length || isDelimiter(in[at]);
        }
        return false;
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private void skipWhitespace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\t' || in[at] == '\n' || in[at] == '\r')) {
            at++;
        }
    }

    private byte peek() {
        return at < in.length ? in[at] : 0;
    }

    private boolean take(char expected) {
        if (at < in.length && in[at] == expected) {
            at++;
            return true;
        }
        return false;
    }
}
