package dev.eddy.lake.writer;

import dev.eddy.events.Topics;
import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.metrics.LakeMetrics;
import dev.eddy.lake.naming.LakeObjectName;
import dev.eddy.lake.storage.LakeRoot;
import dev.eddy.lake.storage.LocalFolderStorage;
import dev.eddy.lake.support.LakeFixtures;
import dev.eddy.lake.support.LakeQueries;
import dev.eddy.lake.support.WriterRun;
import dev.eddy.lake.table.TableRegistry;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokerExtension;
import dev.eddy.testing.KafkaTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer dies after an object is published and before its offsets are committed; a new writer (with different
 * roll settings, so it cuts the replayed records elsewhere) resumes, and SQL over the files finds every record
 * exactly once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CrashRecoveryTest {

    private static final int CLICKS = 6_000;

    /** Thrown from the publish hook: an Error, so the writer's retry loop does not catch it and the thread dies. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    @Test
    void replayAfterACrashBetweenUploadAndCommitLeavesEveryRecordOnce(KafkaBroker broker, @TempDir Path lake)
            throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(broker);
        LakeFixtures.createTopics(kafka);
        String prefix = LakeFixtures.uniquePrefix("crash");
        kafka.produceBytes(LakeFixtures.clicks(prefix, CLICKS));
        WriterSettings before = LakeFixtures.settings(broker.bootstrapServers(), new LakeRoot.LocalFolder(lake),
                lake.resolve("_tmp"), 1_000, Duration.ofSeconds(30));
        String group = before.groupId();

        // 1. the first writer publishes its fourth file, then dies before committing it
        AtomicInteger published = new AtomicInteger();
        AtomicReference<LakeObjectName> crashedOn = new AtomicReference<>();
        PublishObserver crashOnFourth = name -> {
            if (name.topic().equals(Topics.ENRICHED) && published.incrementAndGet() == 4) {
                crashedOn.set(name);
                throw new SimulatedCrash("killed after publishing " + name);
            }
        };
        WriterRun first = new WriterRun(new LakeWriter(before, new TableRegistry(), new LocalFolderStorage(lake),
                new LakeMetrics(new SimpleMeterRegistry()), crashOnFourth));
        first.join();
        assertThat(first.death()).isInstanceOf(SimulatedCrash.class);

        LakeObjectName orphan = crashedOn.get();
        assertThat(lake.resolve(orphan.relativePath())).exists();
        TopicPartition orphanPartition = new TopicPartition(orphan.topic(), orphan.kafkaPartition());
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        // the published file's records are not committed: a restart reads them again
        long committedOffset = committed.containsKey(orphanPartition) ? committed.get(orphanPartition).offset() : 0;
        assertThat(committedOffset).isLessThanOrEqualTo(orphan.startOffset());
        long rowsBeforeRestart = LakeQueries.count(lake, "SELECT count(*) FROM clickstream_enriched");
        assertThat(rowsBeforeRestart).isPositive();

        // 2. a new writer in the same group, cutting files at 700 records instead of 1000
        WriterSettings after = new WriterSettings(before.root(), group, before.compression(),
                new WriterSettings.RollLimits(700, before.roll().maxBytes(), before.roll().maxSpan()),
                Duration.ofSeconds(1), before.maxBufferedBytes(), before.rowGroupSize(), before.spoolDir(),
                before.pollTimeout(), before.s3(), before.kafka(), 2);
        try (WriterRun second = new WriterRun(new LakeWriter(after, new TableRegistry(),
                new LocalFolderStorage(lake), new LakeMetrics(new SimpleMeterRegistry()), PublishObserver.NONE))) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    LakeQueries.count(lake, "SELECT count(DISTINCT event_id) FROM clickstream_enriched"
                            + " WHERE event_id LIKE '" + prefix + "-%'") == CLICKS
                            && committedThroughEnd(kafka, group));
        }

        // 3. SQL over the files: every input record exactly once
        assertThat(LakeQueries.rows(lake, "SELECT event_id, count(*) AS copies FROM clickstream_enriched"
                + " WHERE event_id LIKE '" + prefix + "-%' GROUP BY event_id HAVING count(*) > 1")).isEmpty();
        assertThat(LakeQueries.count(lake, "SELECT count(*) FROM clickstream_enriched WHERE event_id LIKE '"
                + prefix + "-%'")).isEqualTo(CLICKS);
        // nothing in the lake at all is duplicated (other tests' records share the topic)
        assertThat(LakeQueries.count(lake, "SELECT count(*) - count(DISTINCT event_id) FROM clickstream_enriched"))
                .isZero();
        // the orphan was replaced in place by the replay, under the same name
        assertThat(lake.resolve(orphan.relativePath())).exists();
        assertThat(Files.size(lake.resolve(orphan.relativePath()))).isPositive();
        kafka.close();
    }

    private static boolean committedThroughEnd(KafkaTestClient kafka, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        for (int p = 0; p < LakeFixtures.ENRICHED_PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition(Topics.ENRICHED, p);
            long end = kafka.admin().listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(tp).get().offset();
            OffsetAndMetadata offset = committed.get(tp);
            if (end > 0 && (offset == null || offset.offset() < end)) {
                return false;
            }
        }
        return true;
    }
}
