package dev.eddy.lake.writer;

import dev.eddy.events.Topics;
import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.metrics.LakeMetrics;
import dev.eddy.lake.naming.LakeObjectName;
import dev.eddy.lake.storage.LakeRoot;
import dev.eddy.lake.storage.LakeStorage;
import dev.eddy.lake.storage.LocalFolderStorage;
import dev.eddy.lake.storage.StorageException;
import dev.eddy.lake.support.LakeFixtures;
import dev.eddy.lake.support.LakeQueries;
import dev.eddy.lake.support.WriterRun;
import dev.eddy.lake.table.TableRegistry;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokerExtension;
import dev.eddy.testing.KafkaTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uploads fail in the middle of a run while the lanes are busy: the session ends, the writer backs off, resumes from
 * the committed offsets in a fresh session (no state of the failed one survives), and every record is in the lake
 * exactly once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SessionRecoveryTest {

    private static final int CLICKS = 8_000;

    @Test
    void failedUploadsEndTheSessionAndTheNextOneWritesEveryRecordOnce(KafkaBroker broker, @TempDir Path lake)
            throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(broker);
        LakeFixtures.createTopics(kafka);
        String prefix = LakeFixtures.uniquePrefix("recovery");
        kafka.produceBytes(LakeFixtures.clicks(prefix, CLICKS));
        WriterSettings settings = LakeFixtures.settings(broker.bootstrapServers(), new LakeRoot.LocalFolder(lake),
                lake.resolve("_tmp"), 500, Duration.ofSeconds(1));

        AtomicInteger publishes = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        LocalFolderStorage folder = new LocalFolderStorage(lake);
        LakeStorage failingTwice = new LakeStorage() {
            @Override
            public void publish(Path file, LakeObjectName name) {
                int attempt = publishes.incrementAndGet();
                if (attempt == 3 || attempt == 4) {
                    failures.incrementAndGet();
                    throw new StorageException("simulated outage on " + name, new IOException("connection reset"));
                }
                folder.publish(file, name);
            }

            @Override
            public String describe() {
                return folder.describe();
            }
        };

        try (WriterRun run = new WriterRun(new LakeWriter(settings, new TableRegistry(), failingTwice,
                new LakeMetrics(new SimpleMeterRegistry()), PublishObserver.NONE))) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    committedThroughEnd(kafka, settings.groupId()));
            assertThat(run.alive()).isTrue();
            assertThat(run.writer().state().phase()).isEqualTo(WriterState.Phase.RUNNING);
        }

        assertThat(failures).hasValue(2);
        assertThat(LakeQueries.count(lake, "SELECT count(*) FROM clickstream_enriched WHERE event_id LIKE '"
                + prefix + "-%'")).isEqualTo(CLICKS);
        assertThat(LakeQueries.count(lake, "SELECT count(DISTINCT event_id) FROM clickstream_enriched"
                + " WHERE event_id LIKE '" + prefix + "-%'")).isEqualTo(CLICKS);
        kafka.close();
    }

    private static boolean committedThroughEnd(KafkaTestClient kafka, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        for (int p = 0; p < LakeFixtures.ENRICHED_PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition(Topics.ENRICHED, p);
            long end = kafka.admin().listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get()
                    .offset();
            OffsetAndMetadata offset = committed.get(tp);
            if (end > 0 && (offset == null || offset.offset() < end)) {
                return false;
            }
        }
        return true;
    }
}
