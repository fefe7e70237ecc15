package dev.eddy.enricher.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.events.Click;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads the common shape of a click with Jackson's streaming parser, field by field, instead of through data binding,
 * which costs several times more and runs once per click. It is deliberately narrow: it only answers for a click the
 * contract's codec ({@link EventSerdes#click()}) would read to the same value - known fields, each once, plain
 * numbers (or the decimal strings Datagen writes), strings or null for text - and returns {@code null} for anything
 * else (unknown or repeated fields, other types, malformed JSON, values the contract refuses). The caller then decodes
 * with the codec, which decides and words the error exactly as before. {@code ClickFastReaderTest} compares both on
 * good, Datagen-shaped and mutated payloads.
 */
final class ClickFastReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonCodec<Click> CODEC = EventSerdes.click().codec();
    /** Decimal strings Jackson's scalar coercion reads as the same number: no sign but '-', no spaces, no leading 0. */
    private static final Pattern INT_TEXT = Pattern.compile("0|-?[1-9][0-9]{0,8}");
    private static final Pattern LONG_TEXT = Pattern.compile("0|-?[1-9][0-9]{0,17}");

    private static final int IP = 1;
    private static final int USERID = 1 << 1;
    private static final int REMOTE_USER = 1 << 2;
    private static final int TIME = 1 << 3;
    private static final int EVENT_TIME = 1 << 4;
    private static final int REQUEST = 1 << 5;
    private static final int STATUS = 1 << 6;
    private static final int BYTES = 1 << 7;
    private static final int REFERRER = 1 << 8;
    private static final int AGENT = 1 << 9;
    private static final int SESSION_ID = 1 << 10;
    private static final int EVENT_ID = 1 << 11;
    private static final int REQUIRED = USERID | EVENT_TIME | REQUEST | STATUS | BYTES;

    private ClickFastReader() {
    }

    /** The click, decoded as the contract's codec does; the codec itself for anything outside the fast path. */
    static Click decode(byte[] payload) {
        Click click = read(payload);
        return click != null ? click : CODEC.decode(payload);
    }

    /** The click, or {@code null} when the payload is not in the shape this reader answers for. */
    static Click read(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        String ip = null;
        String remoteUser = null;
        String time = null;
        String request = null;
        String referrer = null;
        String agent = null;
        String sessionId = null;
        String eventId = null;
        int userId = 0;
        int status = 0;
        long eventTime = 0;
        long bytes = 0;
        int seen = 0;
        try (JsonParser json = JSON.createParser(payload)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return null;
                }
                int field = field(json.currentName());
                if (field == 0 || (seen & field) != 0) {
                    return null;            // unknown or repeated: the codec decides
                }
                seen |= field;
                JsonToken value = json.nextToken();
                switch (field) {
                    case USERID -> {
                        Long number = integer(json, value, false);
                        if (number == null) {
                            return null;
                        }
                        userId = number.intValue();
                    }
                    case STATUS -> {
                        Long number = integer(json, value, false);
                        if (number == null) {
                            return null;
                        }
                        status = number.intValue();
                    }
                    case EVENT_TIME -> {
                        Long number = integer(json, value, true);
                        if (number == null) {
                            return null;
                        }
                        eventTime = number;
                    }
                    case BYTES -> {
                        Long number = integer(json, value, true);
                        if (number == null) {
                            return null;
                        }
                        bytes = number;
                    }
                    default -> {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        String text = value == JsonToken.VALUE_NULL ? null : json.getText();
                        switch (field) {
                            case IP -> ip = text;
                            case REMOTE_USER -> remoteUser = text;
                            case TIME -> time = text;
                            case REQUEST -> request = text;
                            case REFERRER -> referrer = text;
                            case AGENT -> agent = text;
                            case SESSION_ID -> sessionId = text;
                            default -> eventId = text;
                        }
                    }
                }
            }
            if ((seen & REQUIRED) != REQUIRED || request == null || json.nextToken() != null) {
                return null;                // missing required field, or content after the document
            }
        } catch (IOException | RuntimeException e) {
            return null;                    // malformed: the codec words the error
        }
        try {
            return new Click(ip, userId, remoteUser, time, eventTime, request, status, bytes, referrer, agent,
                    sessionId, eventId);
        } catch (RuntimeException e) {
            return null;                    // refused by the contract: the codec words the error
        }
    }

    /** A JSON integer, or a decimal string as Jackson coerces it; {@code null} for anything else. */
    private static Long integer(JsonParser json, JsonToken token, boolean isLong) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = json.getNumberType();
            if (type == JsonParser.NumberType.INT || (isLong && type == JsonParser.NumberType.LONG)) {
                return json.getLongValue();
            }
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = json.getText();
            if ((isLong ? LONG_TEXT : INT_TEXT).matcher(text).matches()) {
                return Long.parseLong(text);
            }
        }
        return null;
    }

    private static int field(String name) {
        return switch (name) {
            case "ip" -> IP;
            case "userid" -> USERID;
            case "remote_user" -> REMOTE_USER;
            case "time" -> TIME;
            case "_time" -> EVENT_TIME;
            case "request" -> REQUEST;
            case "status" -> STATUS;
            case "bytes" -> BYTES;
            case "referrer" -> REFERRER;
            case "agent" -> AGENT;
            case "session_id" -> SESSION_ID;
            case "event_id" -> EVENT_ID;
            default -> 0;
        };
    }
}
