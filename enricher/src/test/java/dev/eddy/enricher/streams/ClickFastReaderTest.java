package dev.eddy.enricher.streams;

import dev.eddy.enricher.TestRecords;
import dev.eddy.events.Click;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The fast click reader ({@link ClickFastReader}) must never disagree with the
 * contract's codec: whatever they answer, the codec answers the same; for everything else they step aside and the
 * codec's value or error is what the enricher sees.
 */
class ClickFastReaderTest {

    private static final JsonCodec<Click> CODEC = EventSerdes.click().codec();
    private static final long T = 1_800_000_000_000L;

    /** The expected name written with an escape: the parser's byte comparison misses, its usual path finds it. */
    private static final String GOOD_ESCAPED_NAME_LATER = TestRecords.click("e-3", 8, T).replace("\"agent\"",
            "\"ag\\u0065nt\"");
    private static final List<String> GOOD = List.of(
            TestRecords.click("e-1", 7, T),
            TestRecords.click("e-2", -1, T + 1, "POST /site/login.html?next=%2F HTTP/1.1", 302),
            TestRecords.datagenClick("111.90.225.227", 36, T, "404", TestRecords.GOOGLEBOT),
            TestRecords.datagenClick("10.0.0.1", -1, T, "200", "-"),
            "{\"userid\":0,\"_time\":1,\"request\":\"GET / HTTP/1.1\",\"status\":599,\"bytes\":0}",
            "{\"userid\":\"12\",\"_time\":\"" + T + "\",\"request\":\"GET /a\",\"status\":\"100\",\"bytes\":\"9\","
                    + "\"ip\":null,\"agent\":\"S\u00e3o \\\"Paulo\\\" \\u00e9 \uD83D\uDE00\",\"referrer\":\"\"}",
            " \n{ \"userid\" : 3 , \"_time\" : 5 , \"request\" : \"GET /x y\" , \"status\" : 200 , \"bytes\" : 1 } \n",
            // Not in the contract's order: the reader expects that order, but only as a guess.
            "{\"event_id\":\"e\",\"bytes\":2,\"status\":200,\"request\":\"GET /\",\"_time\":5,\"userid\":3,"
                    + "\"ip\":\"a\"}",
            GOOD_ESCAPED_NAME_LATER);

    /** Shapes the fast reader must leave to the codec (some good, most bad). */
    private static final List<String> EDGES = List.of(
            "", " ", "null", "[]", "{}", "\"text\"", "{\"userid\":7}",
            GOOD.get(0).replace("\"status\":200", "\"status\":\"0200\""),
            GOOD.get(0).replace("\"status\":200", "\"status\":\" 200\""),
            GOOD.get(0).replace("\"status\":200", "\"status\":\"200 \""),
            GOOD.get(0).replace("\"status\":200", "\"status\":2e2"),
            GOOD.get(0).replace("\"status\":200", "\"status\":200.0"),
            GOOD.get(0).replace("\"status\":200", "\"status\":\"200.0\""),
            GOOD.get(0).replace("\"status\":200", "\"status\":true"),
            GOOD.get(0).replace("\"status\":200", "\"status\":null"),
            GOOD.get(0).replace("\"status\":200", "\"status\":\"\""),
            GOOD.get(0).replace("\"status\":200", "\"status\":\"abc\""),
            GOOD.get(0).replace("\"status\":200", "\"status\":1234"),
            GOOD.get(0).replace("\"status\":200", "\"status\":\"-0\""),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":2147483648"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":\"2147483648\""),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":-2"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":\"+7\""),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":[7]"),
            GOOD.get(0).replace("\"_time\":" + T, "\"_time\":0"),
            GOOD.get(0).replace("\"_time\":" + T, "\"_time\":99999999999999999999"),
            GOOD.get(0).replace("\"_time\":" + T, "\"_time\":\"1e12\""),
            GOOD.get(0).replace("\"bytes\":4096", "\"bytes\":-1"),
            GOOD.get(0).replace("\"bytes\":4096", "\"bytes\":\"-1\""),
            GOOD.get(0).replace("\"ip\":\"122.152.45.245\"", "\"ip\":122"),
            GOOD.get(0).replace("\"ip\":\"122.152.45.245\"", "\"ip\":{\"a\":1}"),
            GOOD.get(0).replace("\"ip\":\"122.152.45.245\"", "\"ip\":true"),
            GOOD.get(0).replace("\"request\":\"GET /index.html HTTP/1.1\"", "\"request\":null"),
            GOOD.get(0).replace("\"request\":\"GET /index.html HTTP/1.1\"", "\"request\":\"  \""),
            GOOD.get(0).replace("\"request\":\"GET /index.html HTTP/1.1\",", ""),
            GOOD.get(0).replace("{", "{\"extra\":1,"),
            GOOD.get(0).replace("\"userid\":7", "\"useri\":7"),
            GOOD.get(0).replace("\"userid\":7", "\"userids\":7"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":7,\"userid\":7"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":-0"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":007"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":-2147483648"),
            GOOD.get(0).replace("\"bytes\":4096", "\"bytes\":0.5"),
            GOOD.get(0).replace("{", "{\"status\":201,"),
            GOOD.get(0).replace("{", "{\"agent\":\"x\","),
            GOOD.get(0) + "x", GOOD.get(0) + "{}", GOOD.get(0) + "]",
            GOOD.get(0).substring(0, GOOD.get(0).length() - 1),
            "\uFEFF" + GOOD.get(0),
            GOOD.get(0).replace("\"ip\":\"122.152.45.245\"", "\"ip\":nul"),
            GOOD.get(0).replace("\"ip\":\"122.152.45.245\"", "\"ip\":nulll"),
            GOOD.get(0).replace("\"ip\":\"122.152.45.245\"", "\"ip\":\"a\u007fb\""),
            GOOD.get(0).replace("\"ip\":\"122.152.45.245\"", "\"i\\u0070\":\"1.2.3.4\""),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":-"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":1234567890"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":\t7\r\n"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":\"7"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\":7x"),
            GOOD.get(0).replace("\"userid\":7", "\"userid\" 7"),
            GOOD.get(0).replace("\"userid\":7,", "\"userid\":7,,"),
            GOOD.get(0).replace("\"_time\":" + T, "\"_time\":\"-" + T + "\""),
            GOOD.get(0).replace("\"_time\":" + T, "\"_time\":1234567890123456789"),
            GOOD.get(0).replace("}", ",}"),
            GOOD.get(0) + " \t\r\n");

    @Test
    void readsTheUsualClicksItselfAndExactlyAsTheCodecDoes() {
        for (String json : GOOD) {
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);
            assertThat(ClickFastReader.read(payload)).as(json).isNotNull().isEqualTo(CODEC.decode(payload));
        }
    }

    @Test
    void readsWhatTheContractsCodecWritesItself() {
        // Eddy's generator writes clicks with the contract's codec: those must not fall back to the codec.
        for (Click click : List.of(
                new Click("10.1.2.3", 42, "-", "21/Nov/2026:21:00:00 +0000", T, "GET /a HTTP/1.1", 200, 512,
                        "https://example.com/", TestRecords.GOOGLEBOT, "s-1", "run-1"),
                new Click(null, Click.ANONYMOUS_USER_ID, null, null, T, "GET / HTTP/1.1", 404, 0, null, null, null,
                        null))) {
            assertThat(ClickFastReader.read(CODEC.encode(click))).as("%s", click).isEqualTo(click);
        }
    }

    @Test
    void agreesWithTheCodecOnEdgeCases() {
        for (String json : EDGES) {
            assertAgrees(json.getBytes(StandardCharsets.UTF_8));
        }
        assertAgrees(null);
        assertAgrees(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0});
        byte[] invalidUtf8 = GOOD.get(0).replace("Chrome", "Chr\u00e9me").getBytes(StandardCharsets.ISO_8859_1);
        assertAgrees(invalidUtf8);
    }

    @Test
    void agreesWithTheCodecOnRandomlyDamagedClicks() {
        Random random = new Random(7);
        String alphabet = "\"{}[],:0123456789-.eE abc\\\u00e9nul";
        int fastAnswers = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder json = new StringBuilder(GOOD.get(random.nextInt(GOOD.size())));
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                int at = random.nextInt(json.length());
                switch (random.nextInt(3)) {
                    case 0 -> json.deleteCharAt(at);
                    case 1 -> json.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> json.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            byte[] payload = json.toString().getBytes(StandardCharsets.UTF_8);
            assertAgrees(payload);
            if (ClickFastReader.read(payload) != null) {
                fastAnswers++;
            }
        }
        // Some damage leaves a valid click (a changed digit, a changed letter in a text): the fast path saw those.
        assertThat(fastAnswers).isGreaterThan(1_000);
    }

    @Test
    void namesEachFieldByItsPlaceInTheContractsOrder() {
        // The reader expects the names in this order and finds a field's bit from its place in it.
        assertThat(ClickFields.NAMES_IN_CONTRACT_ORDER).containsExactly("ip", "userid", "remote_user", "time",
                "_time", "request", "status", "bytes", "referrer", "agent", "session_id", "event_id");
        assertThat(List.of("ip", "userid", "remote_user", "time", "_time", "request", "status", "bytes", "referrer",
                "agent", "session_id", "event_id", "user_id")).map(ClickFields::named).containsExactly(
                ClickFields.IP, ClickFields.USERID, ClickFields.REMOTE_USER, ClickFields.TIME, ClickFields.EVENT_TIME,
                ClickFields.REQUEST, ClickFields.STATUS, ClickFields.BYTES, ClickFields.REFERRER, ClickFields.AGENT,
                ClickFields.SESSION_ID, ClickFields.EVENT_ID, 0);
        assertThat(ClickFields.contractPosition(ClickFields.EVENT_ID)).isEqualTo(11);
    }

    /** Same value, or the same error (class and message) as the codec. */
    private static void assertAgrees(byte[] payload) {
        String what = payload == null ? "null" : new String(payload, StandardCharsets.UTF_8);
        Click fast = ClickFastReader.read(payload);
        Object expected;
        try {
            expected = CODEC.decode(payload);
        } catch (RuntimeException e) {
            expected = e;
        }
        if (fast != null) {
            assertThat(expected).as(what).isEqualTo(fast);
        }
        Throwable thrown = catchThrowable(() -> assertThat(ClickFastReader.decode(payload)).as(what)
                .isEqualTo(CODEC.decode(payload)));
        if (expected instanceof RuntimeException error) {
            assertThat(thrown).as(what).isInstanceOf(error.getClass()).hasMessage(error.getMessage());
        } else {
            assertThat(thrown).as(what).isNull();
        }
    }
}
