package dev.eddy.enricher;

import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service in its own JVM: it waits for missing topics without crashing, then is killed with SIGKILL
 * while clicks are still flowing, restarted on the same state folder, and the committed output still holds every
 * good click exactly once and every bad click and user exactly once in the dead-letter topic.
 */
class EnricherCrashRecoveryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int CLICKS = 30_000;

    @TempDir
    Path stateDir;

    @Test
    void killedMidStreamAndRestartedItStillWritesEachRecordOnce() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared();
        Path log = Files.createDirectories(Path.of("target")).resolve("enricher-crash-it.log");
        Files.deleteIfExists(log);
        long t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        TestBatch batch = TestBatch.generate(7, t0, 40, CLICKS, 40);
        int half = CLICKS / 2;
        List<ProducerRecord<byte[], byte[]>> firstHalf = batch.clicks.subList(0, half);
        List<ProducerRecord<byte[], byte[]>> secondHalf = batch.clicks.subList(half, CLICKS);

        try (KafkaTestClient kafka = new KafkaTestClient(broker)) {
            // 1. Started before its topics exist: alive, not ready, and it does not crash.
            try (EnricherProcess first = EnricherProcess.start(broker.bootstrapServers(), stateDir, log)) {
                await("liveness").atMost(TIMEOUT).until(() -> first.get("/q/health/live").status() == 200);
                EnricherProcess.HttpResult ready = first.get("/q/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.body()).contains("DOWN", Topics.CLICKS);
                assertThat(first.isAlive()).isTrue();

                // 2. The topics appear: it starts and becomes ready.
                for (Map.Entry<String, Integer> topic : Map.of(Topics.CLICKS, 3, Topics.USERS, 3,
                        Topics.STATUS_CODES, 1, Topics.ENRICHED, 3, Topics.DEAD_LETTERS, 1).entrySet()) {
                    kafka.createTopic(topic.getKey(), topic.getValue());
                }
                await("readiness").atMost(TIMEOUT).until(() -> first.get("/q/health/ready").status() == 200);

                // 3. Reference data, users and half of the clicks; once output flows, the rest is sent while it works.
                kafka.produceBytes(batch.statusCodes);
                kafka.produceBytes(batch.users);
                kafka.produceBytes(firstHalf);
                kafka.consumeAtLeast(Topics.ENRICHED, 1, new StringDeserializer(), new ByteArrayDeserializer(),
                        TIMEOUT);
                CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> kafka.produceBytes(secondHalf));

                // 4. SIGKILL mid-stream.
                first.killHard();
                rest.join();
            }
            int committedAtKill = kafka.consumeAll(Topics.ENRICHED, new StringDeserializer(),
                    new ByteArrayDeserializer(), TIMEOUT).size();
            assertThat(committedAtKill).as("killed before the work was done")
                    .isLessThan(batch.goodClickTimes.size());

            // 5. Restarted on the same state folder, it finishes the job.
            try (EnricherProcess second = EnricherProcess.start(broker.bootstrapServers(), stateDir, log)) {
                List<ConsumerRecord<String, EnrichedClick>> enriched = kafka.consumeUntil(Topics.ENRICHED,
                        new StringDeserializer(), EventSerdes.enrichedClick().deserializer(),
                        seen -> seen.size() >= batch.goodClickTimes.size(), TIMEOUT);
                // Anything written twice would be committed by now, behind the last expected record.
                List<ConsumerRecord<String, EnrichedClick>> all = kafka.consumeAll(Topics.ENRICHED,
                        new StringDeserializer(), EventSerdes.enrichedClick().deserializer(), TIMEOUT);
                assertThat(all.size()).isGreaterThanOrEqualTo(enriched.size());
                Map<Long, Long> timesSeen = all.stream()
                        .collect(Collectors.groupingBy(r -> r.value().eventTime(), Collectors.counting()));
                assertThat(timesSeen.keySet()).containsExactlyInAnyOrderElementsOf(batch.goodClickTimes);
                assertThat(timesSeen.entrySet()).allSatisfy(e -> assertThat(e.getValue())
                        .as("copies of the click at %d", e.getKey()).isEqualTo(1L));
                assertThat(all.stream().map(r -> r.value().eventId()).filter(id -> id != null).toList())
                        .doesNotHaveDuplicates();

                // 6. Dead letters: clicks and users exactly once (same transaction as their input offsets); status
                //    codes at least once, each identified by its source offset (written by the global thread).
                int expected = batch.badClicks + batch.badUsers + batch.badStatusCodes;
                kafka.consumeUntil(Topics.DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                        seen -> seen.size() >= expected, TIMEOUT);
                List<DeadLetterHeaders> letters = kafka.consumeAllBytes(Topics.DEAD_LETTERS, TIMEOUT).stream()
                        .map(r -> DeadLetterHeaders.readFrom(r.headers()).orElseThrow()).toList();
                List<String> streamLetters = letters.stream()
                        .filter(h -> !h.sourceTopic().equals(Topics.STATUS_CODES))
                        .map(h -> h.sourceTopic() + "/" + h.sourcePartition() + "/" + h.sourceOffset()).toList();
                assertThat(streamLetters).doesNotHaveDuplicates().hasSize(batch.badClicks + batch.badUsers);
                assertThat(letters.stream().filter(h -> h.sourceTopic().equals(Topics.STATUS_CODES))
                        .map(DeadLetterHeaders::sourceOffset).distinct().count())
                        .isEqualTo(batch.badStatusCodes);

                // 7. Still running after all of it.
                EnricherProcess.HttpResult ready = second.get("/q/health/ready");
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.body()).contains("RUNNING");
                assertThat(second.isAlive()).isTrue();
            }
        }
    }
}
