package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.Topics;
import dev.eddy.testing.EmbeddedKafkaBroker;
import dev.eddy.testing.KafkaTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The click processor reads the users store directly, not through a DSL join, so the topology declares the clicks and
 * users topics co-partitioned itself ({@link CoPartitioningStreamsBuilder}). On a real broker, topics with different
 * partition counts must stop the application instead of letting clicks on the extra partitions miss their users.
 */
class EnricherCoPartitioningTest {

    @TempDir
    Path stateDir;

    @Test
    void refusesToRunWhenClicksAndUsersAreNotCoPartitioned() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             KafkaTestClient kafka = new KafkaTestClient(broker)) {
            // 1. Four click partitions, two user partitions: user 3's clicks and user 3 would be in different tasks.
            kafka.createTopic(Topics.CLICKS, 4);
            kafka.createTopic(Topics.USERS, 2);
            kafka.createTopic(Topics.STATUS_CODES, 1);
            kafka.createTopic(Topics.ENRICHED, 4);
            kafka.createTopic(Topics.DEAD_LETTERS, 1);

            // 2. The shipped topology, the service's guarantee.
            Properties settings = new Properties();
            settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "eddy-enricher-copartition-test");
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (KafkaStreams streams = new KafkaStreams(EnricherTopology.build(Duration.ofHours(1),
                    new EnricherMetrics(new SimpleMeterRegistry())), settings)) {
                streams.setUncaughtExceptionHandler(error -> {
                    failure.compareAndSet(null, error);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                streams.start();

                // 3. It never runs: the assignment fails on the partition counts.
                await().atMost(Duration.ofSeconds(60)).until(() -> failure.get() != null);
                assertThat(streams.state()).isNotEqualTo(KafkaStreams.State.RUNNING);
            }
            Throwable root = failure.get();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).hasMessageContaining("not co-partitioned");
        }
    }
}
