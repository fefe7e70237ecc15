package dev.eddy.enricher;

import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaBrokerTestResource;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import dev.eddy.testing.TempDirTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The service as shipped (Quarkus, exactly_once_v2) against a real broker: a deterministic batch with malformed
 * records mixed in. Every good click comes out once, every bad record is dead-lettered once, the output is stored
 * compressed, and the service is still running, healthy, and counting.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, initArgs = @ResourceArg(name = "topics", value =
        "clickstream:3,clickstream.users:3,clickstream.status-codes:1,clickstream.enriched:3,clickstream.dlq:1"))
@QuarkusTestResource(value = TempDirTestResource.class,
        initArgs = @ResourceArg(name = "property", value = "eddy.enricher.state-dir"))
class EnricherServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    KafkaStreams streams;

    @Test
    void enrichesABatchExactlyOnceAndDeadLettersTheBadRecords() {
        TestBatch batch = TestBatch.generate(42, recentPast(), 20, 2_000, 50);
        // 0. The app is running before anything is produced: status codes already in the topic when the app starts
        //    are loaded by the global store's restore, which does not deserialise them, so a bad one would not be
        //    dead-lettered then (see docs/enricher.md, "Known gaps"). This test covers the running app.
        org.awaitility.Awaitility.await().atMost(TIMEOUT)
                .until(() -> streams.state() == KafkaStreams.State.RUNNING);
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBrokers.shared())) {
            // 1. Reference data and users first, then the clicks (their event times are later).
            kafka.produceBytes(batch.statusCodes);
            kafka.produceBytes(batch.users);
            kafka.produceBytes(batch.clicks);

            // 2. Every good click arrives in the enriched topic, once (read_committed).
            List<ConsumerRecord<String, EnrichedClick>> enriched = kafka.consumeUntil(Topics.ENRICHED,
                    new StringDeserializer(), EventSerdes.enrichedClick().deserializer(),
                    seen -> seen.size() >= batch.goodClickTimes.size(), TIMEOUT);
            Map<Long, Long> timesSeen = enriched.stream()
                    .collect(Collectors.groupingBy(r -> r.value().eventTime(), Collectors.counting()));
            assertThat(timesSeen.keySet()).containsExactlyInAnyOrderElementsOf(batch.goodClickTimes);
            assertThat(timesSeen.values()).allMatch(count -> count == 1L);
            List<String> eventIds = enriched.stream().map(r -> r.value().eventId()).filter(id -> id != null).toList();
            assertThat(eventIds).doesNotHaveDuplicates();

            // 3. Joined by user id, whatever the input key was; known users carry their attributes.
            assertThat(enriched).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo(Integer.toString(r.value().userId()));
                boolean shouldKnow = r.value().userId() >= 1 && r.value().userId() <= 20;
                assertThat(r.value().userKnown()).as("user %s known", r.value().userId()).isEqualTo(shouldKnow);
                if (shouldKnow) {
                    assertThat(r.value().username()).isEqualTo("user" + r.value().userId());
                }
                assertThat(r.value().statusText()).isIn("Successful", "Page not found");
            });

            // 4. Every bad record is in the DLQ once, identified by where it came from.
            int badTotal = batch.badClicks + batch.badUsers + batch.badStatusCodes;
            List<ConsumerRecord<byte[], byte[]>> letters = kafka.consumeUntil(Topics.DEAD_LETTERS,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), seen -> seen.size() >= badTotal,
                    TIMEOUT);
            List<DeadLetterHeaders> why = letters.stream()
                    .map(r -> DeadLetterHeaders.readFrom(r.headers()).orElseThrow()).toList();
            assertThat(why.stream().map(h -> h.sourceTopic() + "/" + h.sourcePartition() + "/" + h.sourceOffset()))
                    .doesNotHaveDuplicates();
            Map<String, Long> perTopic = why.stream()
                    .collect(Collectors.groupingBy(DeadLetterHeaders::sourceTopic, Collectors.counting()));
            assertThat(perTopic).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Topics.CLICKS, (long) batch.badClicks,
                    Topics.USERS, (long) batch.badUsers,
                    Topics.STATUS_CODES, (long) batch.badStatusCodes));
            assertThat(why.stream().map(DeadLetterHeaders::reason).collect(Collectors.toSet()))
                    .contains("malformed_json", "wrong_type", "missing_field", "empty", "null_key", "invalid_value",
                            "key_mismatch");

            // 5. Written as lz4 batches (application.properties): the broker keeps the enriched clicks in a fraction of
            //    the room of their JSON (key and value bytes as readers get them).
            long jsonBytes = kafka.consumeAllBytes(Topics.ENRICHED, TIMEOUT).stream()
                    .mapToLong(record -> record.serializedKeySize() + record.serializedValueSize()).sum();
            assertThat(kafka.bytesOnDisk(Topics.ENRICHED)).isLessThan(jsonBytes / 2);
        }

        // 6. Still running, ready, and the counters and Kafka Streams' own metrics are exported.
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.nio.file.Path dump = java.nio.file.Path.of("target", "enricher-metrics.txt");
        try {
            java.nio.file.Files.writeString(dump, metrics);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(counter(metrics, "eddy_enricher_records_out_total")).isGreaterThanOrEqualTo(
                batch.goodClickTimes.size());
        assertThat(metrics).contains("eddy_enricher_records_in_total{topic=\"clickstream\"}",
                "eddy_enricher_join_hits_total", "eddy_enricher_join_misses_total{cause=\"anonymous\"}",
                "eddy_enricher_join_misses_total{cause=\"unknown_user\"}",
                "eddy_enricher_dead_letters_total{reason=\"null_key\",topic=\"clickstream.status-codes\"}",
                "eddy_enricher_dead_letters_total{reason=\"malformed_json\",topic=\"clickstream\"}",
                "kafka_stream_");
    }

    static long recentPast() {
        return java.time.Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toEpochMilli();
    }

    /** Sum of every series of a Prometheus counter. */
    private static double counter(String exposition, String name) {
        List<Double> values = new ArrayList<>();
        exposition.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .map(Double::parseDouble).forEach(values::add);
        return values.stream().mapToDouble(Function.<Double>identity()::apply).sum();
    }
}
