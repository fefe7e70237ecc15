package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.EmbeddedKafkaBroker;
import dev.eddy.testing.KafkaTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.internals.OffsetCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static dev.eddy.enricher.TestRecords.bytes;
import static dev.eddy.enricher.TestRecords.click;
import static dev.eddy.enricher.TestRecords.statusCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An enricher from before the in-memory status-code table left, in its state folder, the offset up to which its RocksDB
 * table had read the topic. Started on that folder, the enricher must still load the whole table. On a real broker.
 */
class StatusCodesCheckpointTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APPLICATION_ID = "eddy-enricher-status-checkpoint-test";

    @TempDir
    Path stateDir;

    @Test
    void anEnricherStartedOnAnOlderStateFolderStillLoadsTheWholeStatusTable() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             KafkaTestClient kafka = new KafkaTestClient(broker)) {
            for (String topic : List.of(Topics.CLICKS, Topics.USERS, Topics.STATUS_CODES, Topics.ENRICHED,
                    Topics.DEAD_LETTERS)) {
                kafka.createTopic(topic, 1);
            }
            // 1. The table's one entry, with Datagen's wording (the standard phrase for 404 is "Not Found").
            kafka.produceBytes(List.of(new ProducerRecord<>(Topics.STATUS_CODES, bytes("404"),
                    bytes(statusCode(404, "Page not found")))));

            // 2. The global checkpoint an older enricher wrote: the table had read the topic to its end (offset 1),
            //    next to an entry of some other global store that must survive.
            File file = Files.createDirectories(stateDir.resolve(APPLICATION_ID).resolve("global"))
                    .resolve(".checkpoint").toFile();
            TopicPartition other = new TopicPartition("some-other-global-topic", 0);
            new OffsetCheckpoint(file).write(Map.of(new TopicPartition(Topics.STATUS_CODES, 0), 1L, other, 7L));

            // 3. What the service does before Kafka Streams starts; only the status-code offset goes.
            assertThat(StatusCodesCheckpoint.forgetStaleOffsets(stateDir, APPLICATION_ID)).isTrue();
            assertThat(new OffsetCheckpoint(file).read()).containsExactly(Map.entry(other, 7L));
            assertThat(StatusCodesCheckpoint.forgetStaleOffsets(stateDir, APPLICATION_ID))
                    .as("nothing left to forget").isFalse();
            // The other entry was only there to be kept: Kafka Streams refuses to start with an offset of a topic no
            // global store of this topology reads.
            new OffsetCheckpoint(file).write(Map.of());

            // 4. The enricher on that folder: an anonymous 404 click gets the table's wording, not the fallback.
            try (KafkaStreams streams = start(broker)) {
                kafka.produceBytes(List.of(new ProducerRecord<>(Topics.CLICKS, bytes("-1"),
                        bytes(click("e-404", -1, System.currentTimeMillis() - 60_000,
                                "GET /missing.html HTTP/1.1", 404)))));
                List<EnrichedClick> out = kafka.consumeAtLeast(Topics.ENRICHED, 1, new StringDeserializer(),
                                EventSerdes.enrichedClick().deserializer(), TIMEOUT)
                        .stream().map(ConsumerRecord::value).toList();
                assertThat(out).extracting(EnrichedClick::statusText).containsExactly("Page not found");
            }
        }
    }

    @Test
    void aFolderWithoutAGlobalCheckpointIsLeftAlone() {
        assertThat(StatusCodesCheckpoint.forgetStaleOffsets(stateDir, APPLICATION_ID)).isFalse();
        assertThat(stateDir.resolve(APPLICATION_ID)).doesNotExist();
    }

    private KafkaStreams start(EmbeddedKafkaBroker broker) {
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        KafkaStreams streams = new KafkaStreams(EnricherTopology.build(Duration.ofHours(2),
                new EnricherMetrics(new SimpleMeterRegistry())), settings);
        streams.start();
        await().atMost(TIMEOUT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }
}
