package dev.eddy.lake.bench;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The benchmark's enriched clicks (≈ 540 bytes of JSON each): 10,000 users with their ips and sessions, ten pages,
 * 5 % errors, five clicks per millisecond of event time. Deterministic (seeded), so every run writes the same data.
 */
final class ClickCorpus {

    private static final String[] PAGES = {"/", "/home", "/products", "/products/42", "/cart", "/checkout",
            "/search", "/login", "/account", "/help"};
    private static final String[] CITIES = {"London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Dublin",
            "Vienna"};
    private static final String[] LEVELS = {"Platinum", "Gold", "Silver", "Bronze"};
    private static final long START = 1_795_255_200_000L;

    record Click(byte[] key, byte[] value) {
    }

    private final Serializer<EnrichedClick> serializer = EventSerdes.enrichedClick().serializer();
    private final Random random = new Random(42);
    private int n;

    Click next() {
        int user = random.nextInt(10_000);
        String page = PAGES[random.nextInt(PAGES.length)];
        int status = random.nextInt(20) == 0 ? 404 : 200;
        EnrichedClick click = new EnrichedClick("evt-" + n, "sess-" + user + "-" + (n / 50_000),
                "10." + (user % 250) + "." + (user / 250 % 250) + "." + random.nextInt(250), user, "-",
                "21/Nov/2026:10:00:00 +0000", START + n / 5, "GET " + page + " HTTP/1.1", "GET", page,
                status, status == 200 ? "OK" : "Not Found", status >= 400, 500 + random.nextInt(5000),
                "-", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0", false, true,
                "user" + user, "First" + user % 100, "Last" + user % 300, CITIES[user % CITIES.length],
                LEVELS[user % LEVELS.length], 1_700_000_000_000L + user * 1000L);
        n++;
        return new Click(Integer.toString(user).getBytes(StandardCharsets.UTF_8),
                serializer.serialize(Topics.ENRICHED, click));
    }
}
