package dev.eddy.enricher.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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
    /**
     * The field names in the contract's order, which Eddy's generator and Datagen both write. The parser compares the
     * next name's bytes with the one expected there ({@link JsonParser#nextFieldName(SerializableString)}, as Jackson's
     * own data binding does for ordered properties) instead of decoding it and looking it up; another name is parsed
     * as usual, so a different order costs nothing more than before.
     */
    private static final SerializedString[] NAMES_IN_ORDER = ClickFields.NAMES_IN_CONTRACT_ORDER.stream()
            .map(SerializedString::new).toArray(SerializedString[]::new);

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
            int expected = 0;               // the field that usually comes next, as a position in NAMES_IN_ORDER
            while (true) {
                int field;
                if (expected < NAMES_IN_ORDER.length && json.nextFieldName(NAMES_IN_ORDER[expected])) {
                    field = ClickFields.inContractOrder(expected);
                } else {
                    // Another name than expected (or, after the last field, whatever comes next): looked up.
                    JsonToken token = expected < NAMES_IN_ORDER.length ? json.currentToken() : json.nextToken();
                    if (token == JsonToken.END_OBJECT) {
                        break;
                    }
                    if (token != JsonToken.FIELD_NAME) {
                        return null;
                    }
                    field = ClickFields.named(json.currentName());
                }
                if (!fields.firstSighting(field)) {
                    return null;            // unknown or repeated: the codec decides
                }
                expected = ClickFields.contractPosition(field) + 1;
                if (ClickFields.isNumber(field)) {
                    Long number = integer(json, json.nextToken(), !ClickFields.isInt(field));
                    if (number == null) {
                        return null;
                    }
                    fields.number(field, number);
                } else {
                    String text = json.nextTextValue();
                    if (text == null && json.currentToken() != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    fields.text(field, text);
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
}
