package dev.eddy.aggregator.dashboard;

import dev.eddy.aggregator.streams.LateEventHeaders;
import dev.eddy.aggregator.streams.StoreNames;
import dev.eddy.aggregator.support.TestClicks;
import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventFormatException;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fixed set of enriched clicks placed in the two minutes before the test starts (so they fall in the dashboard's
 * live windows), plus raw clicks, dead letters and late events; and what the dashboard must show for them.
 */
final class DashboardTestData {

    static final List<String> TOPICS = List.of(Topics.CLICKS, Topics.ENRICHED, Topics.DEAD_LETTERS,
            Topics.LATE_EVENTS, Topics.USER_ACTIVITY_1M, Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M, Topics.SESSIONS,
            Topics.ERRORS_1M, Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS);

    /** user, seconds after the base minute, page, status. Users 1-5 are known, -1 is anonymous. */
    private static final Object[][] CLICKS = {
            {1, 0, "/index.html", 200}, {1, 30, "/site/login.html", 200}, {1, 100, "/index.html", 200},
            {2, 10, "/index.html", 404},
            {3, 20, "/images/logo-small.png", 200}, {3, 50, "/index.html", 500},
            {4, 5, "/site/user_status.html", 200}, {4, 70, "/index.html", 200}, {4, 110, "/site/login.html", 404},
            {5, 40, "/index.html", 200},
            {-1, 15, "/index.html", 200}, {-1, 60, "/images/logo-small.png", 404}, {-1, 90, "/index.html", 500},
    };
    private static final Map<Integer, String[]> SEGMENT = Map.of(1, new String[] {"London", "Gold"},
            2, new String[] {"Paris", "Silver"}, 3, new String[] {"London", "Gold"},
            4, new String[] {"Frankfurt", "Platinum"}, 5, new String[] {"Paris", "Silver"});

    static final int DEAD_LETTERS = 3;
    static final int LATE_EVENTS = 1;
    static final int RAW_CLICKS = 40;

    final long base;
    final List<EnrichedClick> clicks = new ArrayList<>();

    /** Clicks start two whole minutes before {@code now}, so all of them are in the past and in one 5-min window. */
    DashboardTestData(long now) {
        this.base = Math.floorDiv(now, 60_000L) * 60_000L - 120_000L;
        for (Object[] c : CLICKS) {
            int user = (int) c[0];
            String[] segment = SEGMENT.get(user);
            clicks.add(TestClicks.click(user, base + (int) c[1] * 1000L, (String) c[2], (int) c[3],
                    segment == null ? null : segment[0], segment == null ? null : segment[1]));
        }
    }

    void produce(KafkaTestClient kafka) {
        // In event-time order, as a live pipeline delivers them: none is late for any window.
        kafka.produce(clicks.stream().sorted(Comparator.comparingLong(EnrichedClick::eventTime))
                        .map(c -> new ProducerRecord<>(Topics.ENRICHED, c.key(), c)).toList(),
                new StringSerializer(), EventSerdes.enrichedClick());
        List<ProducerRecord<byte[], byte[]>> raw = new ArrayList<>();
        for (int i = 0; i < RAW_CLICKS; i++) {
            raw.add(new ProducerRecord<>(Topics.CLICKS, bytes("user" + i), bytes("{\"raw\":" + i + "}")));
        }
        raw.add(deadLetter("{not json", new EventFormatException(
                EventFormatException.Kind.MALFORMED_JSON, "value", "not JSON"), 0));
        raw.add(deadLetter("{\"a\":1", new EventFormatException(
                EventFormatException.Kind.MALFORMED_JSON, "value", "not JSON"), 1));
        raw.add(deadLetter("{}", new EventFormatException(
                EventFormatException.Kind.MISSING_FIELD, "userid", "missing"), 2));
        RecordHeaders late = new RecordHeaders();
        late.add(LateEventHeaders.WINDOW, bytes(StoreNames.PAGE_VIEWS_1M));
        late.add(LateEventHeaders.STREAM_TIME, bytes(Long.toString(base + 600_000)));
        raw.add(new ProducerRecord<>(Topics.LATE_EVENTS, 0, base, bytes("1"), bytes("{\"late\":true}"), late));
        kafka.produceBytes(raw);
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(String value, Exception error, int offset) {
        return new ProducerRecord<>(Topics.DEAD_LETTERS, 0, null, null, bytes(value),
                DeadLetterHeaders.of(error, Topics.CLICKS, 0, offset, "enricher.deserialize").toHeaders());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- what the panels must show ------------------------------------------------------------------------------

    long errors() {
        return clicks.stream().filter(c -> c.status() >= 400).count();
    }

    /** Views per page, most viewed first, ties by page: the top pages of the 5-minute window holding every click. */
    List<Map.Entry<String, Long>> topPages() {
        Map<String, Long> views = new TreeMap<>();
        clicks.forEach(c -> views.merge(c.page(), 1L, Long::sum));
        return views.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    Map<Integer, Long> errorsByStatus() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        clicks.stream().filter(c -> c.status() >= 400).forEach(c -> byStatus.merge(c.status(), 1L, Long::sum));
        return byStatus;
    }

    Map<String, Long> segments() {
        Map<String, Long> events = new LinkedHashMap<>();
        clicks.stream().sorted(Comparator.comparing(EnrichedClick::eventTime)).forEach(c -> events.merge(
                (c.city() == null ? "unknown" : c.city()) + "/" + (c.level() == null ? "unknown" : c.level()), 1L,
                Long::sum));
        return events;
    }

    /** Users 1-5 have one session each: lengths 100 s, 0, 30 s, 105 s, 0 (anonymous clicks have no session). */
    static final long SESSIONS = 5;
    static final Map<String, Long> SESSION_LENGTHS = Map.of("single click", 2L, "< 1 min", 1L, "1-5 min", 2L,
            "5-15 min", 0L, "15-30 min", 0L, ">= 30 min", 0L);
}
