package dev.eddy.enricher.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes {@code clickstream.enriched} values, byte for byte what {@link EventSerdes#enrichedClick()} writes (same field
 * order as {@code @JsonPropertyOrder}, every field written, nulls as {@code null}, the same escaping), at a fraction
 * of the cost: this runs once per click.
 *
 * <p>Two ways, same bytes. The usual click has only printable ASCII text (no quote, backslash or control character,
 * nothing beyond 0x7F): its JSON needs no escaping at all, so {@link #writeAscii} copies it straight into a reused
 * buffer, with the field names as constant byte runs. Any other text (accents, emoji, control characters, quotes)
 * makes it give up and the record is written by Jackson's streaming generator, field by field, which escapes and
 * encodes exactly as the contract's codec. Texts known to need no escaping are copied without that look at each
 * character: the click's own, when it was read from a plain payload ({@link PlainJson}), and the user's, checked once
 * per user version ({@link JoinedUser}).
 * {@code EnrichedClickSerializerTest} and {@code PlainJsonTest} hold every way to byte-for-byte equality with the
 * contract's codec.
 *
 * <p>Not thread-safe (it reuses its buffer): one instance per processor, as {@link ClickJoin} holds it.
 */
final class EnrichedClickSerializer implements Serializer<EnrichedClick> {

    private static final JsonFactory JSON = new JsonFactory();
    /** Field names encoded once (as data binding does), not on every record. */
    private static final SerializedString EVENT_ID = name("event_id");
    private static final SerializedString SESSION_ID = name("session_id");
    private static final SerializedString IP = name("ip");
    private static final SerializedString USERID = name("userid");
    private static final SerializedString REMOTE_USER = name("remote_user");
    private static final SerializedString TIME = name("time");
    private static final SerializedString EVENT_TIME = name("_time");
    private static final SerializedString REQUEST = name("request");
    private static final SerializedString METHOD = name("method");
    private static final SerializedString PAGE = name("page");
    private static final SerializedString STATUS = name("status");
    private static final SerializedString STATUS_TEXT = name("status_text");
    private static final SerializedString IS_ERROR = name("is_error");
    private static final SerializedString BYTES = name("bytes");
    private static final SerializedString REFERRER = name("referrer");
    private static final SerializedString AGENT = name("agent");
    private static final SerializedString IS_BOT = name("is_bot");
    private static final SerializedString USER_KNOWN = name("user_known");
    private static final SerializedString USERNAME = name("username");
    private static final SerializedString FIRST_NAME = name("first_name");
    private static final SerializedString LAST_NAME = name("last_name");
    private static final SerializedString CITY = name("city");
    private static final SerializedString LEVEL = name("level");
    private static final SerializedString REGISTERED_AT = name("registered_at");

    /** What precedes each value in the compact JSON Jackson writes: the separator and the quoted field name. */
    private static final byte[] EVENT_ID_ASCII = ascii("{\"event_id\":");
    private static final byte[] SESSION_ID_ASCII = ascii(",\"session_id\":");
    private static final byte[] IP_ASCII = ascii(",\"ip\":");
    private static final byte[] USERID_ASCII = ascii(",\"userid\":");
    private static final byte[] REMOTE_USER_ASCII = ascii(",\"remote_user\":");
    private static final byte[] TIME_ASCII = ascii(",\"time\":");
    private static final byte[] EVENT_TIME_ASCII = ascii(",\"_time\":");
    private static final byte[] REQUEST_ASCII = ascii(",\"request\":");
    private static final byte[] METHOD_ASCII = ascii(",\"method\":");
    private static final byte[] PAGE_ASCII = ascii(",\"page\":");
    private static final byte[] STATUS_ASCII = ascii(",\"status\":");
    private static final byte[] STATUS_TEXT_ASCII = ascii(",\"status_text\":");
    private static final byte[] IS_ERROR_ASCII = ascii(",\"is_error\":");
    private static final byte[] BYTES_ASCII = ascii(",\"bytes\":");
    private static final byte[] REFERRER_ASCII = ascii(",\"referrer\":");
    private static final byte[] AGENT_ASCII = ascii(",\"agent\":");
    private static final byte[] IS_BOT_ASCII = ascii(",\"is_bot\":");
    private static final byte[] USER_KNOWN_ASCII = ascii(",\"user_known\":");
    private static final byte[] USERNAME_ASCII = ascii(",\"username\":");
    private static final byte[] FIRST_NAME_ASCII = ascii(",\"first_name\":");
    private static final byte[] LAST_NAME_ASCII = ascii(",\"last_name\":");
    private static final byte[] CITY_ASCII = ascii(",\"city\":");
    private static final byte[] LEVEL_ASCII = ascii(",\"level\":");
    private static final byte[] REGISTERED_AT_ASCII = ascii(",\"registered_at\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    /** Room for any number: "-9223372036854775808" is 20 characters. */
    private static final int MAX_NUMBER_LENGTH = 20;

    /** The ASCII way's buffer, grown when a click does not fit, reused for the next. */
    private byte[] buffer = new byte[2048];
    private int position;

    @Override
    public byte[] serialize(String topic, EnrichedClick click) {
        return serialize(click, false, false);
    }

    /**
     * @param plainClickText whether the texts that come from the click itself (its fields, and the method and page cut
     *                       from its request) are known to be printable ASCII without quotes or backslashes, as when
     *                       it was read from a plain payload ({@link PlainJson}): they are then copied as they are,
     *                       without a look at each character
     * @param plainUserText  the same for the user's texts ({@link JoinedUser#plainText()}); the status text is always
     *                       checked
     */
    byte[] serialize(EnrichedClick click, boolean plainClickText, boolean plainUserText) {
        if (click == null) {
            return null;
        }
        return writeAscii(click, plainClickText, plainUserText) ? Arrays.copyOf(buffer, position)
                : writeWithJackson(click);
    }

    /**
     * Writes the click into {@link #buffer} when all of its text is printable ASCII without quotes or backslashes
     * (which JSON writes as they are); {@code false} as soon as a text needs more, leaving the buffer to be reused.
     *
     * @param plain     whether the click's own texts are known to be plain
     *                  ({@link #serialize(EnrichedClick, boolean, boolean)})
     * @param plainUser the same for the user's texts
     */
    boolean writeAscii(EnrichedClick click, boolean plain, boolean plainUser) {
        position = 0;
        return text(EVENT_ID_ASCII, click.eventId(), plain)
                && text(SESSION_ID_ASCII, click.sessionId(), plain)
                && text(IP_ASCII, click.ip(), plain)
                && number(USERID_ASCII, click.userId())
                && text(REMOTE_USER_ASCII, click.remoteUser(), plain)
                && text(TIME_ASCII, click.time(), plain)
                && number(EVENT_TIME_ASCII, click.eventTime())
                && text(REQUEST_ASCII, click.request(), plain)
                && text(METHOD_ASCII, click.method(), plain)
                && text(PAGE_ASCII, click.page(), plain)
                && number(STATUS_ASCII, click.status())
                && checkedText(STATUS_TEXT_ASCII, click.statusText())
                && bool(IS_ERROR_ASCII, click.error())
                && number(BYTES_ASCII, click.bytes())
                && text(REFERRER_ASCII, click.referrer(), plain)
                && text(AGENT_ASCII, click.agent(), plain)
                && bool(IS_BOT_ASCII, click.bot())
                && bool(USER_KNOWN_ASCII, click.userKnown())
                && text(USERNAME_ASCII, click.username(), plainUser)
                && text(FIRST_NAME_ASCII, click.firstName(), plainUser)
                && text(LAST_NAME_ASCII, click.lastName(), plainUser)
                && text(CITY_ASCII, click.city(), plainUser)
                && text(LEVEL_ASCII, click.level(), plainUser)
                && (click.registeredAt() == null ? raw(REGISTERED_AT_ASCII, NULL)
                        : number(REGISTERED_AT_ASCII, click.registeredAt()))
                && closeObject();
    }

    /** A text copied as it is when known to be plain, else checked as any other. */
    private boolean text(byte[] name, String value, boolean plain) {
        if (!plain || value == null) {
            return checkedText(name, value);
        }
        int at = openText(name, value.length());
        copyAscii(value, buffer, at);
        closeText(at + value.length());
        return true;
    }

    /**
     * The one JDK method that copies a string's characters into a byte array without encoding or allocating (each
     * character's low byte: exactly its ASCII code here): for the compact strings plain ASCII makes, an array copy.
     */
    @SuppressWarnings("deprecation")
    private static void copyAscii(String plainAscii, byte[] out, int at) {
        plainAscii.getBytes(0, plainAscii.length(), out, at);
    }

    /** A text that JSON may have to escape: written as it is when it need not, else {@code false}. */
    private boolean checkedText(byte[] name, String value) {
        if (value == null) {
            return raw(name, NULL);
        }
        int length = value.length();
        int at = openText(name, length);
        byte[] out = buffer;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!PlainJson.isWrittenAsIs(c)) {
                return false;       // position unchanged: the Jackson way starts over
            }
            out[at++] = (byte) c;
        }
        closeText(at);
        return true;
    }

    /**
     * Writes the field's name and the text's opening quote, with room for {@code length} characters and the closing
     * quote after them; returns where the characters go.
     */
    private int openText(byte[] name, int length) {
        ensureRoom(name.length + length + 2);
        System.arraycopy(name, 0, buffer, position, name.length);
        int at = position + name.length;
        buffer[at] = '"';
        return at + 1;
    }

    /** Writes the closing quote at {@code end}, just after the text's characters. */
    private void closeText(int end) {
        buffer[end] = '"';
        position = end + 1;
    }

    /**
     * The number's digits by Jackson's own routine ({@link NumberOutput}, what its generator writes numbers with): the
     * same bytes as the contract's codec, three digits per step instead of one division per digit.
     */
    private boolean number(byte[] name, long value) {
        ensureRoom(name.length + MAX_NUMBER_LENGTH);
        System.arraycopy(name, 0, buffer, position, name.length);
        position = NumberOutput.outputLong(value, buffer, position + name.length);
        return true;
    }

    private boolean bool(byte[] name, boolean value) {
        return raw(name, value ? TRUE : FALSE);
    }

    private boolean raw(byte[] name, byte[] value) {
        ensureRoom(name.length + value.length);
        System.arraycopy(name, 0, buffer, position, name.length);
        System.arraycopy(value, 0, buffer, position + name.length, value.length);
        position += name.length + value.length;
        return true;
    }

    private boolean closeObject() {
        ensureRoom(1);
        buffer[position++] = '}';
        return true;
    }

    private void ensureRoom(int bytes) {
        if (position + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Any click, with the escaping and UTF-8 encoding of Jackson's generator. */
    private byte[] writeWithJackson(EnrichedClick click) {
        // Buffers from Jackson's recycler, as ObjectMapper#writeValueAsBytes does: no fresh 8 KiB buffers per record.
        ByteArrayBuilder out = new ByteArrayBuilder(JSON._getBufferRecycler());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            text(json, EVENT_ID, click.eventId());
            text(json, SESSION_ID, click.sessionId());
            text(json, IP, click.ip());
            json.writeFieldName(USERID);
            json.writeNumber(click.userId());
            text(json, REMOTE_USER, click.remoteUser());
            text(json, TIME, click.time());
            json.writeFieldName(EVENT_TIME);
            json.writeNumber(click.eventTime());
            text(json, REQUEST, click.request());
            text(json, METHOD, click.method());
            text(json, PAGE, click.page());
            json.writeFieldName(STATUS);
            json.writeNumber(click.status());
            text(json, STATUS_TEXT, click.statusText());
            json.writeFieldName(IS_ERROR);
            json.writeBoolean(click.error());
            json.writeFieldName(BYTES);
            json.writeNumber(click.bytes());
            text(json, REFERRER, click.referrer());
            text(json, AGENT, click.agent());
            json.writeFieldName(IS_BOT);
            json.writeBoolean(click.bot());
            json.writeFieldName(USER_KNOWN);
            json.writeBoolean(click.userKnown());
            text(json, USERNAME, click.username());
            text(json, FIRST_NAME, click.firstName());
            text(json, LAST_NAME, click.lastName());
            text(json, CITY, click.city());
            text(json, LEVEL, click.level());
            json.writeFieldName(REGISTERED_AT);
            if (click.registeredAt() == null) {
                json.writeNull();
            } else {
                json.writeNumber(click.registeredAt().longValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            // Writing to memory cannot fail on I/O; reaching this is a programming error, not bad input.
            throw new UncheckedIOException("cannot write an enriched click as JSON", e);
        }
        byte[] bytes = out.toByteArray();
        out.release();
        return bytes;
    }

    private static void text(JsonGenerator json, SerializedString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);    // null is written as null
    }

    private static SerializedString name(String name) {
        SerializedString encoded = new SerializedString(name);
        encoded.asQuotedUTF8();     // encode now, once
        return encoded;
    }
}
