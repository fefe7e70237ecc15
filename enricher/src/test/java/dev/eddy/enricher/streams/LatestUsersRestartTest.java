package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.EmbeddedKafkaBroker;
import dev.eddy.testing.KafkaTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static dev.eddy.enricher.TestRecords.bytes;
import static dev.eddy.enricher.TestRecords.click;
import static dev.eddy.enricher.TestRecords.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * After a restart on an empty state folder the users store is restored from its changelog without passing through
 * {@link UserVersionWriter}, and {@link LatestUsers} starts empty: clicks must still see the restored versions, the
 * latest and the older ones. On a real broker, as the service runs.
 */
class LatestUsersRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MINUTE = 60_000L;

    @TempDir
    Path stateDir;

    @Test
    void aRestoredUsersStoreServesClicksWithAnEmptyCache() {
        long t0 = System.currentTimeMillis() - 60 * MINUTE;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             KafkaTestClient kafka = new KafkaTestClient(broker)) {
            for (String topic : List.of(Topics.CLICKS, Topics.USERS, Topics.STATUS_CODES, Topics.ENRICHED,
                    Topics.DEAD_LETTERS)) {
                kafka.createTopic(topic, 1);
            }
            // 1. User 7 is Gold from t0 and Platinum from t0+10min.
            kafka.produceBytes(List.of(
                    new ProducerRecord<>(Topics.USERS, 0, t0, bytes("7"), bytes(user(7, "u7", "London", "Gold"))),
                    new ProducerRecord<>(Topics.USERS, 0, t0 + 10 * MINUTE, bytes("7"),
                            bytes(user(7, "u7", "London", "Platinum")))));

            // 2. First run: a click at t0+11min reads (and caches) Platinum.
            try (KafkaStreams streams = start(broker, stateDir.resolve("first"))) {
                clicks(kafka, click("e-1", 7, t0 + 11 * MINUTE));
                assertThat(enriched(kafka, 1)).extracting(EnrichedClick::eventId, EnrichedClick::level)
                        .containsExactly(tuple("e-1", "Platinum"));
            }

            // 3. Second run on an empty state folder: the store is restored from its changelog, the cache is empty.
            //    A current click sees Platinum, a late one Gold.
            try (KafkaStreams streams = start(broker, stateDir.resolve("second"))) {
                clicks(kafka, click("e-2", 7, t0 + 12 * MINUTE), click("e-late", 7, t0 + 5 * MINUTE));
                assertThat(enriched(kafka, 3)).extracting(EnrichedClick::eventId, EnrichedClick::level)
                        .containsExactly(tuple("e-1", "Platinum"), tuple("e-2", "Platinum"), tuple("e-late", "Gold"));
            }
        }
    }

    private static KafkaStreams start(EmbeddedKafkaBroker broker, Path stateDir) {
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "eddy-enricher-latest-users-restart-test");
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Kafka Streams does not leave the group on close: the second run's rebalance waits for the first member's
        // session to expire, so keep that short (the broker's minimum).
        settings.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        settings.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        KafkaStreams streams = new KafkaStreams(EnricherTopology.build(Duration.ofHours(2),
                new EnricherMetrics(new SimpleMeterRegistry())), settings);
        streams.start();
        await().atMost(TIMEOUT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static void clicks(KafkaTestClient kafka, String... payloads) {
        kafka.produceBytes(java.util.Arrays.stream(payloads)
                .map(payload -> new ProducerRecord<>(Topics.CLICKS, 0, bytes("7"), bytes(payload))).toList());
    }

    private static List<EnrichedClick> enriched(KafkaTestClient kafka, int count) {
        return kafka.consumeAtLeast(Topics.ENRICHED, count, new StringDeserializer(),
                        EventSerdes.enrichedClick().deserializer(), TIMEOUT)
                .stream().map(ConsumerRecord::value).toList();
    }
}
