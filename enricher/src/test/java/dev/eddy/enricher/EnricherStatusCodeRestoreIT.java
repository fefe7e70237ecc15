package dev.eddy.enricher;

import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.EmbeddedKafkaBroker;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.eddy.enricher.TestRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad status-code records already in {@code clickstream.status-codes} when the packaged service starts are loaded into
 * the global table by Kafka Streams' restore, which never deserialises them. The service must still start, stay
 * RUNNING, and enrich the clicks that look those codes up as if the entries were missing, losing none; a bad entry
 * arriving while it runs is still dead-lettered.
 */
class EnricherStatusCodeRestoreIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Status -> expected status_text when the table holds the entries written below before the start. */
    private static final Map<Integer, String> EXPECTED_TEXT = new HashMap<>();

    static {
        EXPECTED_TEXT.put(200, "Successful");           // a good entry: the table's wording
        EXPECTED_TEXT.put(299, null);                   // unreadable entry, no standard phrase either
        EXPECTED_TEXT.put(404, "Not Found");            // unreadable entry: the standard phrase, as with no entry
        EXPECTED_TEXT.put(503, "Service Unavailable");  // invalid entry (blank definition): the same
        EXPECTED_TEXT.put(302, "Found");                // no entry at all
    }

    @TempDir
    Path stateDir;

    @Test
    void badEntriesPresentAtStartAreTreatedAsMissingAndNoClickIsLost() throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("enricher-status-restore-it.log");
        Files.deleteIfExists(log);
        // A broker of its own: the status-code topic must hold exactly these records before the service first starts.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             KafkaTestClient kafka = new KafkaTestClient(broker)) {
            for (Map.Entry<String, Integer> topic : Map.of(Topics.CLICKS, 3, Topics.USERS, 3,
                    Topics.STATUS_CODES, 1, Topics.ENRICHED, 3, Topics.DEAD_LETTERS, 1).entrySet()) {
                kafka.createTopic(topic.getKey(), topic.getValue());
            }
            // 1. Before the start: one good entry and bad ones of every kind, including a record without a key.
            kafka.produceBytes(List.of(
                    statusRecord("200", TestRecords.statusCode(200, "Successful")),
                    statusRecord("299", "not json at all"),
                    statusRecord("404", "{\"code\":404}"),
                    statusRecord("503", "{\"code\":503,\"definition\":\"  \"}"),
                    statusRecord(null, TestRecords.statusCode(201, "no key"))));

            try (EnricherProcess enricher = EnricherProcess.start(broker.bootstrapServers(), stateDir, log)) {
                await("readiness").atMost(TIMEOUT).until(() -> enricher.get("/q/health/ready").status() == 200);

                // 2. Users and clicks with every status above, for known, unknown and anonymous users.
                long t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
                List<ProducerRecord<byte[], byte[]>> users = new ArrayList<>();
                for (int id = 1; id <= 3; id++) {
                    users.add(new ProducerRecord<>(Topics.USERS, null, t0 - 60_000, bytes(Integer.toString(id)),
                            bytes(TestRecords.user(id, "user" + id, "London", "Gold"))));
                }
                kafka.produceBytes(users);
                List<ProducerRecord<byte[], byte[]>> clicks = new ArrayList<>();
                Map<Long, Integer> statusByTime = new HashMap<>();
                int sequence = 0;
                for (int status : EXPECTED_TEXT.keySet()) {
                    for (int userId : new int[] {1, 2, 3, 7, -1}) {
                        long time = t0 + sequence++;
                        statusByTime.put(time, status);
                        clicks.add(new ProducerRecord<>(Topics.CLICKS, bytes(Integer.toString(userId)),
                                bytes(TestRecords.click("e-" + time, userId, time, "GET /index.html HTTP/1.1",
                                        status))));
                    }
                }
                kafka.produceBytes(clicks);

                // 3. Every click once, with the status text of a missing entry where the entry is unreadable.
                List<ConsumerRecord<String, EnrichedClick>> enriched = kafka.consumeUntil(Topics.ENRICHED,
                        new StringDeserializer(), EventSerdes.enrichedClick().deserializer(),
                        seen -> seen.size() >= clicks.size(), TIMEOUT);
                assertThat(enriched).hasSize(clicks.size());
                assertThat(enriched.stream().map(r -> r.value().eventTime()))
                        .containsExactlyInAnyOrderElementsOf(statusByTime.keySet());
                assertThat(enriched).allSatisfy(record -> {
                    EnrichedClick click = record.value();
                    assertThat(click.status()).isEqualTo(statusByTime.get(click.eventTime()));
                    assertThat(click.statusText()).as("status_text of %d", click.status())
                            .isEqualTo(EXPECTED_TEXT.get(click.status()));
                });
                assertThat(kafka.consumeAllBytes(Topics.DEAD_LETTERS, Duration.ofSeconds(10))).isEmpty();

                // 4. Counted, and still running.
                EnricherProcess.HttpResult metrics = enricher.get("/q/metrics");
                // 3 unreadable entries x 5 clicks each.
                assertThat(metrics.body()).containsPattern(
                        "eddy_enricher_status_definitions_unreadable_total(\\{[^}]*})? 15\\.0");
                EnricherProcess.HttpResult ready = enricher.get("/q/health/ready");
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.body()).contains("RUNNING");

                // 5. A bad entry arriving while it runs is still dead-lettered, with its source named.
                kafka.produceBytes(List.of(statusRecord("418", "{broken")));
                List<ConsumerRecord<byte[], byte[]>> letters = kafka.consumeUntil(Topics.DEAD_LETTERS,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        seen -> !seen.isEmpty(), TIMEOUT);
                assertThat(letters).singleElement().satisfies(letter -> {
                    assertThat(letter.key()).isEqualTo(bytes("418"));
                    assertThat(letter.value()).isEqualTo(bytes("{broken"));
                    DeadLetterHeaders why = DeadLetterHeaders.readFrom(letter.headers()).orElseThrow();
                    assertThat(why.sourceTopic()).isEqualTo(Topics.STATUS_CODES);
                    assertThat(why.sourceOffset()).isEqualTo(5L);
                });
                assertThat(enricher.isAlive()).isTrue();
                assertThat(enricher.get("/q/health/ready").status()).isEqualTo(200);
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> statusRecord(String key, String value) {
        return new ProducerRecord<>(Topics.STATUS_CODES, bytes(key), bytes(value));
    }
}
