package dev.eddy.enricher.streams;

import dev.eddy.enricher.model.ClickEnrichment;
import dev.eddy.events.Click;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;
import dev.eddy.events.RequestLine;
import dev.eddy.events.User;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain payload ({@link PlainJson}) is what lets the enriched click's encoder copy the click's texts unchecked: it
 * must never call plain a payload whose texts JSON would write differently.
 */
class PlainJsonTest {

    private static final JsonCodec<Click> CLICKS = EventSerdes.click().codec();
    private static final JsonCodec<EnrichedClick> ENRICHED = EventSerdes.enrichedClick().codec();
    private static final long T = 1_800_000_000_000L;
    /** Texts a click may carry: plain ones, and (one in ten) ones JSON escapes or encodes in several bytes. */
    private static final String[] PLAIN_TEXTS = {null, "", "-", "10.1.2.3", "GET /a?b=c&d=e#f HTTP/1.1", "DEL \u007f",
            "every printable: !#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~"};
    private static final String[] OTHER_TEXTS = {"quote \"", "back\\slash", "tab\t", "line\nfeed", "\u0001",
            "caf\u00e9", "\u0080", "emoji \uD83D\uDE00", "\u2028"};

    @Test
    void findsEveryByteBelowTheSpaceBeyondAsciiOrABackslashEightAtATime() {
        for (int position = 0; position < Long.BYTES; position++) {
            for (int value = 0; value < 256; value++) {
                byte[] bytes = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
                bytes[position] = (byte) value;
                long word = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
                boolean notPlain = value < 0x20 || value > 0x7F || value == '\\';
                assertThat(PlainJson.anyNotPlain(word)).as("0x%02x at %d", value, position).isEqualTo(notPlain);
                // The same byte near the end of a payload of 8 to 15 bytes: in an eight-byte word for the shortest,
                // in the tail left to the byte-wise loop for the others.
                byte[] payload = ("{\"a\":\"" + "x".repeat(position) + "\"}").getBytes(StandardCharsets.US_ASCII);
                payload[payload.length - 3] = (byte) value;
                assertThat(PlainJson.isPlain(payload)).as("0x%02x in %s", value, payload.length)
                        .isEqualTo(!notPlain);
            }
        }
        // Below the space next to bytes beyond 0x7F: borrows and high bits side by side.
        assertThat(PlainJson.anyNotPlain(0x8001_2020_2020_2020L)).isTrue();
        assertThat(PlainJson.anyNotPlain(0x7f7e_5d5b_2220_2020L)).isFalse();
    }

    @Test
    void aPlainClickIsWrittenByteForByteAsTheContractCodecWritesItWhenItsTextsAreCopiedUnchecked() {
        Random random = new Random(11);
        EnrichedClickSerializer encoder = new EnrichedClickSerializer();
        int plain = 0;
        for (int i = 0; i < 5_000; i++) {
            String request = "GET /p" + i + pick(random, "", "?q=1", " HTTP/1.1", " HTTP/1.1", "\u00e9", "\"x\"");
            Click click = new Click(text(random), i, text(random), text(random), T + i, request, 200 + i % 300, i,
                    text(random), text(random), text(random), text(random));
            byte[] payload = CLICKS.encode(click);
            Click read = ClickFastReader.decode(payload);
            EnrichedClick enriched = ClickEnrichment.enrich(read, RequestLine.parse(read.request()), null, null);
            if (PlainJson.isPlain(payload)) {
                plain++;
                assertThat(encoder.serialize(enriched, true, true)).as(new String(payload, StandardCharsets.UTF_8))
                        .isEqualTo(ENRICHED.encode(enriched));
            }
            assertThat(encoder.serialize(enriched, false, false)).isEqualTo(ENRICHED.encode(enriched));
        }
        assertThat(plain).as("plain clicks among the random ones").isBetween(100, 4_900);
    }

    @Test
    void aTextIsPlainWhenJsonWritesEachOfItsCharactersAsItIs() {
        for (char c = 0; c < 0x200; c++) {
            boolean asItIs = c >= 0x20 && c <= 0x7F && c != '"' && c != '\\';
            assertThat(PlainJson.isPlainText("ab" + c + "cd")).as("U+%04X", (int) c).isEqualTo(asItIs);
        }
        assertThat(PlainJson.isPlainText(null)).as("no text").isTrue();
        assertThat(PlainJson.isPlainText("")).isTrue();
        assertThat(PlainJson.isPlainText("emoji \uD83D\uDE00")).isFalse();
    }

    @Test
    void aUserCheckedOnceIsWrittenByteForByteAsTheContractCodecWritesItWhenItsTextsAreCopiedUnchecked() {
        Random random = new Random(13);
        EnrichedClickSerializer encoder = new EnrichedClickSerializer();
        Click click = new Click("10.1.2.3", 7, "-", "-", T, "GET /a HTTP/1.1", 200, 1, "-", "agent", null, null);
        int plain = 0;
        for (int i = 0; i < 5_000; i++) {
            String username = text(random);
            User user = new User(7, username == null || username.isBlank() ? "u" + i : username, T, text(random),
                    text(random), text(random), text(random));
            JoinedUser joined = JoinedUser.of(user);
            EnrichedClick enriched = ClickEnrichment.enrich(click, RequestLine.parse(click.request()), user, null);
            if (joined.plainText()) {
                plain++;
            }
            assertThat(encoder.serialize(enriched, true, joined.plainText())).as(user.toString())
                    .isEqualTo(ENRICHED.encode(enriched));
        }
        assertThat(plain).as("plain users among the random ones").isBetween(100, 4_900);
        assertThat(JoinedUser.of(null)).isNull();
    }

    private static String text(Random random) {
        String[] texts = random.nextInt(10) == 0 ? OTHER_TEXTS : PLAIN_TEXTS;
        return texts[random.nextInt(texts.length)];
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
