package dev.eddy.aggregator.support;

import dev.eddy.events.EnrichedClick;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Enriched clicks for tests, with only the fields the aggregator reads set to telling values. */
public final class TestClicks {

    /** 2026-01-01T00:00:00Z: aligned to minutes and to 5-minute windows, so window bounds read easily. */
    public static final long T0 = 1_767_225_600_000L;

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private TestClicks() {
    }

    public static long at(Duration offset) {
        return T0 + offset.toMillis();
    }

    public static long atSeconds(long seconds) {
        return T0 + seconds * 1000;
    }

    public static EnrichedClick click(int userId, long time, String page) {
        return click(userId, time, page, 200, userId >= 0 ? "London" : null, userId >= 0 ? "Gold" : null);
    }

    public static EnrichedClick click(int userId, long time, String page, int status) {
        return click(userId, time, page, status, userId >= 0 ? "London" : null, userId >= 0 ? "Gold" : null);
    }

    public static EnrichedClick click(int userId, long time, String page, int status, String city, String level) {
        boolean known = city != null;
        return new EnrichedClick("event-" + SEQUENCE.incrementAndGet(), null, "111.1.1.1", userId, "-", null, time,
                "GET " + page + " HTTP/1.1", "GET", page, status, status >= 400 ? "Error" : "OK", status >= 400,
                1289, "-", "Mozilla/5.0", false, known,
                known ? "user" + userId : null, known ? "First" : null, known ? "Last" : null, city, level,
                known ? 1_500_000_000_000L : null);
    }
}
