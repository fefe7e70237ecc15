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

    private ClickFastReader() {
    }

    /**
     * The click, decoded as the contract's codec does: by this reader when it is in the usual shape, else by the codec
     * itself.
     */
    static Click decode(byte[] payload) {
        Click click = read(payload);
        return click != null ? click : CODEC.decode(payload);
    }

    /** The click, or {@code null} when the payload is not in the shape this reader answers for. */
    static Click read(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        ClickFields fields = new ClickFields();
        try (JsonParser json = JSON.createParser(payload)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return null;
                }
                int field = field(json.currentName());
                if (!fields.firstSighting(field)) {
                    return null;            // unknown or repeated: the codec decides
                }
                JsonToken value = json.nextToken();
                if (ClickFields.isNumber(field)) {
                    Long number = integer(json, value, !ClickFields.isInt(field));
                    if (number == null) {
                        return null;
                    }
                    fields.number(field, number);
                } else {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    fields.text(field, value == JsonToken.VALUE_NULL ? null : json.getText());
                }
            }
            if (json.nextToken() != null) {
                return null;                // content after the document
            }
        } catch (IOException | RuntimeException e) {
            return null;                    // malformed: the codec words the error
        }
        return fields.click();              // null when a required field is missing or a value refused
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
            case "ip" -> ClickFields.IP;
            case "userid" -> ClickFields.USERID;
            case "remote_user" -> ClickFields.REMOTE_USER;
            case "time" -> ClickFields.TIME;
            case "_time" -> ClickFields.EVENT_TIME;
            case "request" -> ClickFields.REQUEST;
            case "status" -> ClickFields.STATUS;
            case "bytes" -> ClickFields.BYTES;
            case "referrer" -> ClickFields.REFERRER;
            case "agent" -> ClickFields.AGENT;
            case "session_id" -> ClickFields.SESSION_ID;
            case "event_id" -> ClickFields.EVENT_ID;
            default -> 0;
        };
    }
}
