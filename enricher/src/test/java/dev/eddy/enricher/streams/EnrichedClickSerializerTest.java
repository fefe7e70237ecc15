package dev.eddy.enricher.streams;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written output encoder must write exactly the bytes of the contract's codec, whatever the content. */
class EnrichedClickSerializerTest {

    private static final JsonCodec<EnrichedClick> CONTRACT = EventSerdes.enrichedClick().codec();
    private static final String[] TEXTS = {null, "", "-", "Greta", "São Paulo", "Zürich \"quoted\" \\ back/slash",
            "tab\tnew\nline\r\u0001\u001f", "emoji \uD83D\uDE00 and \u2028", "<script>&amp;</script>",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"};

    private final EnrichedClickSerializer serializer = new EnrichedClickSerializer();

    @Test
    void writesTheSameBytesAsTheContractCodec() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            EnrichedClick click = new EnrichedClick(text(random), text(random), text(random),
                    random.nextBoolean() ? -1 : random.nextInt(Integer.MAX_VALUE), text(random), text(random),
                    1 + (random.nextBoolean() ? random.nextInt(1000) : Math.abs(random.nextLong() % Long.MAX_VALUE)),
                    "GET /p" + i + " HTTP/1.1" + nonNull(random), random.nextBoolean() ? null : "GET",
                    "/p" + nonNull(random), 100 + random.nextInt(500), text(random), random.nextBoolean(),
                    random.nextBoolean() ? 0 : random.nextLong() & Long.MAX_VALUE, text(random), text(random),
                    random.nextBoolean(), random.nextBoolean(), text(random), text(random), text(random),
                    text(random), text(random), random.nextBoolean() ? null : random.nextLong());

            byte[] written = serializer.serialize("clickstream.enriched", click);

            assertThat(new String(written, StandardCharsets.UTF_8))
                    .isEqualTo(CONTRACT.encodeToString(click));
            assertThat(CONTRACT.decode(written)).isEqualTo(click);
        }
    }

    /** Text that JSON writes as it is: the common click, written without Jackson. */
    private static final String[] ASCII_TEXTS = {null, "", "-", "Greta", "222.245.174.248", "06/Nov/2026:14:55:08 +0000",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "GET /a?b=c&d=e#f HTTP/1.1",
            "every printable: !#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~", "DEL \u007f is not escaped"};

    @Test
    void writesPrintableAsciiClicksWithoutJacksonAndTheSameBytes() {
        Random random = new Random(7);
        long[] numbers = {0, 1, 9, 10, 99, 100, 1_763_000_000_000L, Integer.MAX_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < 5_000; i++) {
            EnrichedClick click = new EnrichedClick(ascii(random), ascii(random), ascii(random),
                    random.nextBoolean() ? -1 : (int) (numbers[random.nextInt(numbers.length)] & Integer.MAX_VALUE),
                    ascii(random), ascii(random), 1 + numbers[random.nextInt(numbers.length - 1)],
                    "GET /p" + i + " HTTP/1.1", random.nextBoolean() ? null : "GET", "/p" + i,
                    100 + random.nextInt(500), ascii(random), random.nextBoolean(),
                    random.nextBoolean() ? -numbers[random.nextInt(numbers.length)] : numbers[random.nextInt(numbers.length)],
                    ascii(random), ascii(random), random.nextBoolean(), random.nextBoolean(), ascii(random),
                    ascii(random), ascii(random), ascii(random), ascii(random),
                    random.nextBoolean() ? null : (random.nextBoolean() ? Long.MIN_VALUE : -random.nextLong()));

            assertThat(serializer.writeAscii(click, false, false)).as("printable ASCII takes the direct way").isTrue();
            assertThat(serializer.serialize("clickstream.enriched", click)).isEqualTo(CONTRACT.encode(click));
            // Texts known to be plain (the click's as ClickFastReader reads them, the user's as JoinedUser checks
            // them) are copied unchecked: same bytes.
            assertThat(serializer.serialize(click, true, false)).isEqualTo(CONTRACT.encode(click));
            assertThat(serializer.serialize(click, true, true)).isEqualTo(CONTRACT.encode(click));
        }
    }

    @Test
    void leavesTextThatNeedsEscapingOrEncodingToJackson() {
        for (String text : new String[]{"quote \"", "back\\slash", "tab\t", "\u001f", "caf\u00e9", "\u0080"}) {
            EnrichedClick click = new EnrichedClick(null, null, null, 7, null, null, 1, "GET / HTTP/1.1", "GET", "/",
                    200, "OK", false, 0, null, text, false, true, "u", "f", "l", "c", "Gold", 5L);

            assertThat(serializer.writeAscii(click, false, false)).as("'%s'", text).isFalse();
            assertThat(serializer.serialize("clickstream.enriched", click)).isEqualTo(CONTRACT.encode(click));

            // The user's texts are checked unless they are known to be plain, even when the click's are.
            EnrichedClick user = new EnrichedClick(null, null, null, 7, null, null, 1, "GET / HTTP/1.1", "GET", "/",
                    200, "OK", false, 0, null, "agent", false, true, text, "f", "l", "c", "Gold", 5L);
            assertThat(serializer.writeAscii(user, true, false)).as("'%s'", text).isFalse();
            assertThat(serializer.serialize(user, true, false)).isEqualTo(CONTRACT.encode(user));
            // The status text is always checked.
            EnrichedClick status = new EnrichedClick(null, null, null, 7, null, null, 1, "GET / HTTP/1.1", "GET", "/",
                    200, text, false, 0, null, "agent", false, true, "u", "f", "l", "c", "Gold", 5L);
            assertThat(serializer.writeAscii(status, true, true)).as("'%s'", text).isFalse();
            assertThat(serializer.serialize(status, true, true)).isEqualTo(CONTRACT.encode(status));
        }
    }

    private static String ascii(Random random) {
        return ASCII_TEXTS[random.nextInt(ASCII_TEXTS.length)];
    }

    @Test
    void writesNullForNull() {
        assertThat(serializer.serialize("clickstream.enriched", null)).isNull();
    }

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static String nonNull(Random random) {
        String text = text(random);
        return text == null ? "x" : text;
    }
}
