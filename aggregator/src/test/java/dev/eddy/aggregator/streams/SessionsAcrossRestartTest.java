package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static dev.eddy.aggregator.support.TestClicks.atSeconds;
import static dev.eddy.aggregator.support.TestClicks.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions on a real broker across a restart of the application with an empty state folder: the open sessions come
 * back from their changelog, and stream time comes back with the committed offsets, so a click that was late before
 * the restart is still late after it and cannot open a second session beside one already published.
 */
class SessionsAcrossRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static KafkaBroker broker;
    private static KafkaTestClient kafka;

    /** Holds each instance's own (initially empty) state folder; JUnit removes it after the test. */
    @TempDir
    Path stateDirs;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokers.startNew();
        kafka = new KafkaTestClient(broker);
        for (String topic : List.of(Topics.ENRICHED, Topics.DEAD_LETTERS, Topics.LATE_EVENTS, Topics.USER_ACTIVITY_1M,
                Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M, Topics.SESSIONS, Topics.ERRORS_1M,
                Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS)) {
            // The clicks are dated 2026-01-01: without this the broker's retention check would delete them.
            kafka.createTopic(topic, 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
        broker.close();
    }

    @Test
    void streamTimeAndOpenSessionsSurviveARestartWithEmptyState() throws Exception {
        // 1. Gap 5 min, grace 5 min. User 5's session 00:00-00:01 closes at stream time 00:11:40 (user 6 clicks);
        //    user 6's session is still open when the application stops.
        try (KafkaStreams first = start()) {
            send(click(5, atSeconds(0), "/a"), click(5, atSeconds(60), "/b"), click(6, atSeconds(700), "/c"));
            awaitSessions(sessions -> sessions.size() == 1);
        }

        // 2. A new instance with an empty state folder: user 5 clicks for 00:03, late by the stream time (00:11:40)
        //    that the first instance had reached; then stream time jumps to 02:00 and closes every session.
        try (KafkaStreams second = start()) {
            send(click(5, atSeconds(180), "/late"), click(7, atSeconds(7200), "/flush"));
            // The flush closes every open session in one transaction: once user 6's is visible, all of them are.
            List<SessionSummary> sessions = awaitSessions(found -> found.stream().anyMatch(s -> s.userId() == 6));

            // 3. User 6's open session was restored and closed once; user 5 has only the session published before.
            assertThat(sessions).containsExactly(
                    new SessionSummary(5, atSeconds(0), atSeconds(60), 2, 2, "/a", "/b", false),
                    new SessionSummary(6, atSeconds(700), atSeconds(700), 1, 1, "/c", "/c", true));
            List<ConsumerRecord<String, EnrichedClick>> late = kafka.consumeUntil(Topics.LATE_EVENTS,
                    new StringDeserializer(), EventSerdes.enrichedClick().deserializer(),
                    records -> records.stream().anyMatch(this::rejectedBySessions), TIMEOUT);
            assertThat(late.stream().filter(this::rejectedBySessions).map(r -> r.value().page()))
                    .containsExactly("/late");
        }
    }

    private boolean rejectedBySessions(ConsumerRecord<String, EnrichedClick> record) {
        var window = record.headers().lastHeader(LateEventHeaders.WINDOW);
        return window != null && new String(window.value(), StandardCharsets.UTF_8).equals(StoreNames.SESSIONS);
    }

    private KafkaStreams start() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sessions-restart");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(stateDirs, "sessions-restart").toString());
        KafkaStreams streams = new KafkaStreams(AggregatorTopology.build(TestSettings.withGrace10s(),
                TopologyOptions.of(1, TopologyOptions.DEFAULT_FLUSH_INTERVAL),
                new AggregatorMetrics(new SimpleMeterRegistry())), props);
        streams.start();
        await().atMost(TIMEOUT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static void send(EnrichedClick... clicks) {
        kafka.produce(java.util.Arrays.stream(clicks)
                        .map(click -> new ProducerRecord<>(Topics.ENRICHED, click.key(), click)).toList(),
                new StringSerializer(), EventSerdes.enrichedClick());
    }

    private static List<SessionSummary> awaitSessions(Predicate<List<SessionSummary>> done) {
        return kafka.consumeUntil(Topics.SESSIONS, new StringDeserializer(),
                        EventSerdes.sessionSummary().deserializer(),
                        records -> done.test(records.stream().map(ConsumerRecord::value).toList()), TIMEOUT)
                .stream().map(ConsumerRecord::value).toList();
    }
}
