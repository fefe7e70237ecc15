package dev.eddy.lake.table;

import dev.eddy.events.EventFormatException;
import dev.eddy.events.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast decoder is an optimisation only: for every payload, valid or broken in any of the ways below, the row (or
 * the error, which decides the dead-letter reason) is the one the contract's JSON codec gives.
 */
class FastRowDecoderTest {

    /** One valid payload per table, as field name and raw JSON value, in the contract's order. */
    private static final Map<String, List<String[]>> VALID = new LinkedHashMap<>();

    static {
        VALID.put(Topics.ENRICHED, fields("event_id", "\"e-1\"", "session_id", "\"s-7\"", "ip", "\"10.0.0.7\"",
                "userid", "7", "remote_user", "\"-\"", "time", "\"21/Nov/2026:10:00:00 +0000\"",
                "_time", "1795255200000", "request", "\"GET /caf\\u00e9?q=\\\"x\\\" HTTP/1.1\"", "method", "\"GET\"",
                "page", "\"/caf\u00e9\"", "status", "404", "status_text", "\"Not Found\"", "is_error", "true",
                "bytes", "5120", "referrer", "null", "agent", "\"Mozilla/5.0\"", "is_bot", "false",
                "user_known", "true", "username", "\"ada\"", "first_name", "\"Ada\"", "last_name", "null",
                "city", "\"London\"", "level", "\"Gold\"", "registered_at", "1700000000000"));
        VALID.put(Topics.USER_ACTIVITY_1M, fields("userid", "7", "window_start", "1795255200000",
                "window_end", "1795255260000", "events", "12"));
        VALID.put(Topics.PAGE_VIEWS_1M, fields("page", "\"/home\"", "window_start", "1795255200000",
                "window_end", "1795255260000", "views", "3"));
        VALID.put(Topics.SESSIONS, fields("userid", "7", "session_start", "1000", "session_end", "2000",
                "events", "3", "distinct_pages", "2", "entry_page", "\"/a\"", "exit_page", "\"/b\"", "bounce", "false"));
        VALID.put(Topics.ERRORS_1M, fields("status", "500", "window_start", "1795255200000",
                "window_end", "1795255260000", "errors", "4"));
        VALID.put(Topics.SEGMENT_ACTIVITY_1M, fields("city", "\"Paris\"", "level", "\"Silver\"",
                "window_start", "1795255200000", "window_end", "1795255260000", "events", "9", "users", "2"));
        VALID.put(Topics.ERROR_ALERTS, fields("status", "503", "window_start", "1795255200000",
                "window_end", "1795255260000", "errors", "40", "threshold", "10"));
    }

    private final TableRegistry registry = new TableRegistry();

    @Test
    void wellFormedRecordsTakeTheFastPathAndGiveTheCodecsRow() {
        VALID.forEach((topic, fields) -> {
            LakeTable<?> table = registry.forTopic(topic).orElseThrow();
            byte[] payload = json(fields);

            assertThat(table.decodeFast(payload)).as(topic).isNotNull().isEqualTo(table.decodeWithCodec(payload));
            assertThat(outcome(table, payload)).as(topic).isEqualTo(reference(table, payload));

            List<String[]> reversed = new ArrayList<>(fields);
            java.util.Collections.reverse(reversed);
            byte[] otherOrder = json(reversed);
            assertThat(table.decodeFast(otherOrder)).as(topic + " in another field order")
                    .isNotNull().isEqualTo(table.decodeWithCodec(payload));
        });
    }

    @Test
    void everyBrokenVariantGivesTheCodecsRowOrError() {
        int variants = 0;
        for (Map.Entry<String, List<String[]>> entry : VALID.entrySet()) {
            LakeTable<?> table = registry.forTopic(entry.getKey()).orElseThrow();
            for (byte[] payload : variants(entry.getValue())) {
                assertThat(outcome(table, payload))
                        .as("%s: %s", entry.getKey(), new String(payload, StandardCharsets.UTF_8))
                        .isEqualTo(reference(table, payload));
                variants++;
            }
        }
        assertThat(variants).isGreaterThan(2_000);
    }

    @Test
    void nonAsciiTextAndWhitespaceStayOnTheFastPath() {
        LakeTable<?> clicks = registry.forTopic(Topics.ENRICHED).orElseThrow();
        byte[] payload = json(replace(replace(VALID.get(Topics.ENRICHED), "request", "\"GET /caf\u00e9 HTTP/1.1\""),
                "first_name", "\"Zo\u00eb \u20ac \uD83D\uDE00\""));
        byte[] spaced = new String(payload, StandardCharsets.UTF_8).replace(",", " ,\n\t").replace("\":", "\" : ")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(clicks.decodeFast(payload)).isNotNull().isEqualTo(clicks.decodeWithCodec(payload));
        assertThat(clicks.decodeFast(spaced)).isNotNull().isEqualTo(clicks.decodeWithCodec(payload));
    }

    @Test
    void aRepeatedStringIsHandedToParquetAsTheSameBytesExceptInUniqueColumns() {
        LakeTable<?> clicks = registry.forTopic(Topics.ENRICHED).orElseThrow();
        byte[] payload = json(replace(VALID.get(Topics.ENRICHED), "request", "\"GET /caf\u00e9 HTTP/1.1\""));
        int page = columnIndex(clicks, "page");
        int eventId = columnIndex(clicks, "event_id");

        Object[] first = clicks.decode(payload).values();
        Object[] second = clicks.decode(java.util.Arrays.copyOf(payload, payload.length)).values();

        assertThat(second[page]).isSameAs(first[page]).isEqualTo(org.apache.parquet.io.api.Binary.fromString("/caf\u00e9"));
        assertThat(second[eventId]).isNotSameAs(first[eventId]).isEqualTo(first[eventId]);
    }

    @Test
    void aValueInsideALargerBufferDecodesAsOnItsOwn() {
        LakeTable<?> clicks = registry.forTopic(Topics.ENRICHED).orElseThrow();
        byte[] payload = json(VALID.get(Topics.ENRICHED));
        byte[] framed = new byte[payload.length + 20];
        java.util.Arrays.fill(framed, (byte) '}');
        System.arraycopy(payload, 0, framed, 7, payload.length);

        assertThat(Arrays.toString(clicks.decode(framed, 7, payload.length).values()))
                .isEqualTo(Arrays.toString(clicks.decode(payload).values()));
        byte[] broken = java.util.Arrays.copyOf(payload, payload.length);
        broken[broken.length / 2] = (byte) 0xC3;
        System.arraycopy(broken, 0, framed, 7, broken.length);
        assertThat(outcomeOf(() -> clicks.decode(framed, 7, broken.length))).isEqualTo(reference(clicks, broken));
    }

    private static int columnIndex(LakeTable<?> table, String name) {
        List<RecordColumns.Column> columns = table.columns().columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static String outcomeOf(java.util.function.Supplier<LakeTable.DecodedRow> decode) {
        try {
            LakeTable.DecodedRow row = decode.get();
            return Arrays.toString(row.values()) + " @" + row.eventTime();
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    @Test
    void valuesTheContractRejectsAreRejectedOnTheFastPathWithTheCodecsError() {
        LakeTable<?> clicks = registry.forTopic(Topics.ENRICHED).orElseThrow();
        byte[] badStatus = json(replace(VALID.get(Topics.ENRICHED), "status", "700"));

        assertThat(outcome(clicks, badStatus)).isEqualTo(reference(clicks, badStatus))
                .asString().startsWith("EventFormatException");
    }

    private static List<byte[]> variants(List<String[]> fields) {
        List<byte[]> out = new ArrayList<>();
        String[] replacements = {"null", "\"\"", "\"12\"", "\"x\"", "1.5", "-3", "0", "99999999999",
                "99999999999999999999", "true", "false", "{}", "[]", "{\"a\":1}", "\"\\u0000\"", "1e3",
                // The fast path's edges: escapes, non-ASCII text, raw control and DEL characters, number forms
                // and the int/long limits around 18 and 19 digits.
                "\"a\\nb\"", "\"\\\"quoted\\\"\"", "\"caf\u00e9\"", "\"\u20ac 5\"", "\"\uD83D\uDE00\"",
                "\"tab\there\"", "\"del\u007f\"", "007", "-0", "-", "+1", "1.", "12abc", "truex", "nul",
                "2147483647", "2147483648", "-2147483648", "-2147483649", "123456789012345678",
                "1234567890123456789", "-999999999999999999", "9223372036854775807", "9223372036854775808"};
        for (String[] field : fields) {
            String name = field[0];
            out.add(json(fields.stream().filter(f -> !f[0].equals(name)).toList()));
            for (String value : replacements) {
                out.add(json(replace(fields, name, value)));
            }
            if (!field[1].startsWith("\"") && !field[1].equals("null") && !field[1].equals("true")
                    && !field[1].equals("false")) {
                out.add(json(replace(fields, name, "\"" + field[1] + "\"")));
            }
            List<String[]> twice = new ArrayList<>(fields);
            twice.add(new String[]{name, field[1]});
            out.add(json(twice));
        }
        List<String[]> unknown = new ArrayList<>(fields);
        unknown.add(new String[]{"extra", "{\"nested\":[1,2]}"});
        out.add(json(unknown));
        String valid = new String(json(fields), StandardCharsets.UTF_8);
        for (String whole : List.of("", "null", "[]", "{}", "42", "\"text\"", valid + " ", " " + valid + "\n",
                valid + "{}", valid + " x", valid.substring(0, valid.length() - 1), valid.replace(":", " : "),
                valid.replace("{", "{\"\":1,"))) {
            out.add(whole.getBytes(StandardCharsets.UTF_8));
        }
        byte[] invalidUtf8 = json(fields);
        invalidUtf8[invalidUtf8.length / 2] = (byte) 0xC3;
        out.add(invalidUtf8);
        out.add(valid.replace(",", " ,\t").replace(":", "\r\n:  ").getBytes(StandardCharsets.UTF_8));
        out.add(valid.replace(",", ",\f").getBytes(StandardCharsets.UTF_8));
        // Byte sequences in a string value that are not well-formed UTF-8: overlong, a surrogate, beyond U+10FFFF,
        // a lead byte without its continuation, a stray continuation byte.
        for (byte[] bad : List.of(new byte[]{(byte) 0xC0, (byte) 0x80}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xE2, (byte) 0x82},
                new byte[]{(byte) 0x80}, new byte[]{(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80})) {
            for (String[] field : fields) {
                if (field[1].startsWith("\"")) {
                    out.add(withRawBytes(fields, field[0], bad));
                }
            }
        }
        return out;
    }

    /** What the lake writer makes of a payload: the row and event time, or the error's class and details. */
    private static String outcome(LakeTable<?> table, byte[] payload) {
        try {
            LakeTable.DecodedRow row = table.decode(payload);
            return Arrays.toString(row.values()) + " @" + row.eventTime();
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    /** The same, decoded by the contract's codec alone (the behaviour before the fast path existed). */
    private static <T extends Record> String reference(LakeTable<T> table, byte[] payload) {
        try {
            T record = table.decodeWithCodec(payload);
            Object[] row = table.columns().rowOf(record);
            return Arrays.toString(row) + " @" + table.decode(payload).eventTime();
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof EventFormatException format) {
            return "EventFormatException " + format.kind() + " " + format.field() + ": " + format.reason();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The payload with {@code raw} bytes appended inside the string value of {@code name}. */
    private static byte[] withRawBytes(List<String[]> fields, String name, byte[] raw) {
        String marker = "\u0001MARK\u0001";
        String value = fields.stream().filter(f -> f[0].equals(name)).findFirst().orElseThrow()[1];
        byte[] json = json(replace(fields, name, value.substring(0, value.length() - 1) + marker + "\""));
        String text = new String(json, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(marker);
        byte[] out = new byte[json.length - marker.length() + raw.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(raw, 0, out, at, raw.length);
        System.arraycopy(json, at + marker.length(), out, at + raw.length, json.length - at - marker.length());
        return out;
    }

    private static List<String[]> fields(String... namesAndValues) {
        List<String[]> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new String[]{namesAndValues[i], namesAndValues[i + 1]});
        }
        return fields;
    }

    private static List<String[]> replace(List<String[]> fields, String name, String value) {
        return fields.stream().map(f -> f[0].equals(name) ? new String[]{name, value} : f).toList();
    }

    private static byte[] json(List<String[]> fields) {
        StringBuilder json = new StringBuilder("{");
        for (String[] field : fields) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field[0]).append("\":").append(field[1]);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
