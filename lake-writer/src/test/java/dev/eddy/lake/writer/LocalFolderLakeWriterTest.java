package dev.eddy.lake.writer;

import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.Topics;
import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.metrics.LakeMetrics;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The writer against a real broker and a local folder: layout, rows, footers, dead letters, metrics. */
@ExtendWith(KafkaBrokerExtension.class)
class LocalFolderLakeWriterTest {

    private static final int CLICKS = 3_000;

    @Test
    void writesEveryRecordOnceInHourPartitionsAndDeadLettersWhatDoesNotFit(KafkaBroker broker, @TempDir Path lake)
            throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(broker);
        LakeFixtures.createTopics(kafka);
        String prefix = LakeFixtures.uniquePrefix("local");
        byte[] malformed = ("{\"event_id\":\"" + prefix + "-broken\", not json").getBytes(StandardCharsets.UTF_8);
        byte[] misfit = ("""
                {"userid":7,"session_start":1795255200000,"session_end":1795255260000,"events":3,
                 "distinct_pages":2,"entry_page":null,"exit_page":"/%s","bounce":false}""".formatted(prefix))
                .getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(LakeFixtures.clicks(prefix, CLICKS));
        records.add(new ProducerRecord<>(Topics.ENRICHED, 0, "7".getBytes(StandardCharsets.UTF_8), malformed));
        records.add(new ProducerRecord<>(Topics.SESSIONS, 0, "7".getBytes(StandardCharsets.UTF_8), misfit));
        kafka.produceBytes(records);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WriterSettings settings = LakeFixtures.settings(broker.bootstrapServers(), new LakeRoot.LocalFolder(lake),
                lake.resolve("_tmp"), 400, Duration.ofSeconds(1));
        try (WriterRun run = new WriterRun(new LakeWriter(settings, new TableRegistry(),
                new LocalFolderStorage(lake), new LakeMetrics(meters), PublishObserver.NONE))) {

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    LakeQueries.count(lake, "SELECT count(*) FROM clickstream_enriched WHERE event_id LIKE '"
                            + prefix + "-%'") >= CLICKS);

            // every click exactly once
            assertThat(LakeQueries.count(lake, "SELECT count(DISTINCT event_id) FROM clickstream_enriched"
                    + " WHERE event_id LIKE '" + prefix + "-%'")).isEqualTo(CLICKS);
            assertThat(LakeQueries.count(lake, "SELECT count(*) FROM clickstream_enriched"
                    + " WHERE event_id LIKE '" + prefix + "-%'")).isEqualTo(CLICKS);
            // each row sits in the dt/hr partition of its own event time
            assertThat(LakeQueries.count(lake, "SELECT count(*) FROM clickstream_enriched WHERE"
                    + " hr <> hour(make_timestamp(_time * 1000)) OR dt <> CAST(make_timestamp(_time * 1000) AS DATE)"))
                    .isZero();
            assertThat(LakeQueries.rows(lake, "SELECT DISTINCT dt, hr FROM clickstream_enriched WHERE event_id LIKE '"
                    + prefix + "-%' ORDER BY hr").stream().map(row -> row.get(0) + "/" + row.get(1)).toList())
                    .containsExactly("2026-11-21/10", "2026-11-21/11");
            // the question `./eddy sql` answers
            assertThat(LakeQueries.rows(lake, "SELECT page, count(*) FROM clickstream_enriched WHERE event_id LIKE '"
                    + prefix + "-%' GROUP BY page ORDER BY page")).hasSize(7)
                    .allSatisfy(row -> assertThat(((Number) row.get(1)).longValue()).isBetween(428L, 429L));

            List<Path> files;
            try (Stream<Path> walk = Files.walk(lake.resolve("clickstream_enriched"))) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(lake.relativize(file).toString())
                    .matches("clickstream_enriched/dt=\\d{4}-\\d{2}-\\d{2}/hr=\\d{2}/clickstream\\.enriched\\+\\d\\+\\d+\\.parquet"));
            // footers trace each file back to its offsets: end - start + 1 >= rows (gaps are dead letters)
            List<List<Object>> footers = LakeQueries.rows(lake, "SELECT file_name, decode(key), decode(value)"
                    + " FROM parquet_kv_metadata('" + lake + "/clickstream_enriched/**/*.parquet')"
                    + " WHERE decode(key) IN ('eddy.start_offset', 'eddy.end_offset', 'eddy.records')");
            assertThat(footers).hasSize(files.size() * 3);
            assertThat(footers).filteredOn(row -> row.get(1).equals("eddy.start_offset"))
                    .allSatisfy(row -> assertThat(row.get(0).toString())
                            .endsWith("+" + row.get(2) + ".parquet"));
            assertThat(footers).filteredOn(row -> row.get(1).equals("eddy.records"))
                    .allSatisfy(row -> assertThat(Long.parseLong(row.get(2).toString())).isBetween(1L, 400L));

            // both bad records reach the dead-letter topic, untouched, with the reason
            List<ConsumerRecord<byte[], byte[]>> dead = kafka.consumeUntil(Topics.DEAD_LETTERS,
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    seen -> ours(seen, malformed).isPresent() && ours(seen, misfit).isPresent(),
                    Duration.ofSeconds(30));
            DeadLetterHeaders decodeFailure = DeadLetterHeaders.readFrom(ours(dead, malformed).orElseThrow()
                    .headers()).orElseThrow();
            assertThat(decodeFailure.stage()).isEqualTo("lake-writer.decode");
            assertThat(decodeFailure.reason()).isEqualTo("malformed_json");
            assertThat(decodeFailure.sourceTopic()).isEqualTo(Topics.ENRICHED);
            DeadLetterHeaders schemaFailure = DeadLetterHeaders.readFrom(ours(dead, misfit).orElseThrow()
                    .headers()).orElseThrow();
            assertThat(schemaFailure.stage()).isEqualTo("lake-writer.schema");
            assertThat(schemaFailure.reason()).isEqualTo("schema_mismatch");
            assertThat(schemaFailure.errorMessage()).contains("entry_page");
            assertThat(schemaFailure.sourceTopic()).isEqualTo(Topics.SESSIONS);

            assertThat(meters.get("eddy.lake.writer.records.written").tag("table", "clickstream_enriched")
                    .counter().count()).isGreaterThanOrEqualTo(CLICKS);
            assertThat(meters.get("eddy.lake.writer.dead.letters").tag("reason", "schema_mismatch").counter()
                    .count()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("eddy.lake.writer.file.size").tag("table", "clickstream_enriched")
                    .summary().count()).isEqualTo(files.size());
        }
        // a clean stop leaves no spool files behind
        try (Stream<Path> spool = Files.walk(lake.resolve("_tmp"))) {
            assertThat(spool.filter(Files::isRegularFile).toList()).isEmpty();
        }
        kafka.close();
    }

    @Test
    void overTheMemoryBoundTheLargestFilesAreWrittenEarlyAndNothingIsLostOrDoubled(KafkaBroker broker,
                                                                                   @TempDir Path lake)
            throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(broker);
        LakeFixtures.createTopics(kafka);
        String prefix = LakeFixtures.uniquePrefix("memory");
        kafka.produceBytes(LakeFixtures.clicks(prefix, CLICKS));
        WriterSettings roomy = LakeFixtures.settings(broker.bootstrapServers(), new LakeRoot.LocalFolder(lake),
                lake.resolve("_tmp"), 1_000_000, Duration.ofSeconds(1));
        // 16 KiB for all open files together: far less than one batch of rows
        WriterSettings tight = new WriterSettings(roomy.root(), roomy.groupId(), roomy.compression(), roomy.roll(),
                roomy.idleFlush(), 16 * 1024, roomy.rowGroupSize(), roomy.spoolDir(), roomy.pollTimeout(),
                roomy.s3(), roomy.kafka(), roomy.workerThreads());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (WriterRun run = new WriterRun(new LakeWriter(tight, new TableRegistry(), new LocalFolderStorage(lake),
                new LakeMetrics(meters), PublishObserver.NONE))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    LakeQueries.count(lake, "SELECT count(DISTINCT event_id) FROM clickstream_enriched"
                            + " WHERE event_id LIKE '" + prefix + "-%'") == CLICKS);
        }
        assertThat(LakeQueries.count(lake, "SELECT count(*) FROM clickstream_enriched WHERE event_id LIKE '"
                + prefix + "-%'")).isEqualTo(CLICKS);
        assertThat(meters.get("eddy.lake.writer.files.committed").tag("reason", "memory").counter().count())
                .isPositive();
        kafka.close();
    }

    private static Optional<ConsumerRecord<byte[], byte[]>> ours(List<ConsumerRecord<byte[], byte[]>> records,
                                                                 byte[] value) {
        return records.stream().filter(record -> Arrays.equals(record.value(), value)).findFirst();
    }
}
