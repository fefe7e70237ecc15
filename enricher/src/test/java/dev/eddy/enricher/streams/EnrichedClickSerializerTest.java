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
