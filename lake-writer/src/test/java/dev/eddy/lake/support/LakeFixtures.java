package dev.eddy.lake.support;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.storage.LakeRoot;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Topics, settings and records the lake writer tests share. */
public final class LakeFixtures {

    /** 2026-11-21T10:00:00Z. */
    public static final long TEN_O_CLOCK = 1_795_255_200_000L;
    public static final int ENRICHED_PARTITIONS = 3;

    private LakeFixtures() {
    }

    /** Creates every topic the writer reads, plus the dead-letter topic (idempotent: tests share one broker). */
    public static void createTopics(KafkaTestClient kafka) {
        kafka.createTopic(Topics.ENRICHED, ENRICHED_PARTITIONS);
        for (String topic : List.of(Topics.USER_ACTIVITY_1M, Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M,
                Topics.SESSIONS, Topics.ERRORS_1M, Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS,
                Topics.DEAD_LETTERS)) {
            kafka.createTopic(topic, 1);
        }
    }

    public static WriterSettings settings(String bootstrap, LakeRoot root, Path spool, long maxRecords,
                                          Duration idleFlush) {
        return new WriterSettings(root, "lake-test-" + UUID.randomUUID(), CompressionCodecName.ZSTD,
                new WriterSettings.RollLimits(maxRecords, 64L * 1024 * 1024, Duration.ofMinutes(30)),
                idleFlush, 64L * 1024 * 1024, 8L * 1024 * 1024, spool, Duration.ofMillis(200),
                WriterSettings.S3Settings.defaults(), Map.of("bootstrap.servers", bootstrap), 2);
    }

    public static EnrichedClick click(String eventId, int userId, long eventTime, String page) {
        return new EnrichedClick(eventId, "s-" + userId, "10.0.0." + (userId % 250), userId, "-",
                "21/Nov/2026:10:00:00 +0000", eventTime, "GET " + page + " HTTP/1.1", "GET", page, 200, "OK",
                false, 1024, "-", "Mozilla/5.0", false, true, "user" + userId, "Ada", "Lovelace", "London",
                "Gold", 1_700_000_000_000L);
    }

    /**
     * {@code count} clicks with ids {@code <prefix>-<n>}, spread over users (so over partitions) and over two hours of
     * event time starting at ten o'clock.
     */
    public static List<ProducerRecord<byte[], byte[]>> clicks(String prefix, int count) {
        var serde = EventSerdes.enrichedClick();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int user = n % 97;
            long eventTime = TEN_O_CLOCK + (long) n * (2 * 3_600_000L / count);
            EnrichedClick click = click(prefix + "-" + n, user, eventTime, "/page/" + (n % 7));
            records.add(new ProducerRecord<>(Topics.ENRICHED, click.key().getBytes(StandardCharsets.UTF_8),
                    serde.serializer().serialize(Topics.ENRICHED, click)));
        }
        return records;
    }

    public static String uniquePrefix(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
