package dev.eddy.lake.writer;

import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.metrics.LakeMetrics;
import dev.eddy.lake.storage.LakeRoot;
import dev.eddy.lake.storage.S3Storage;
import dev.eddy.lake.support.LakeFixtures;
import dev.eddy.lake.support.LakeQueries;
import dev.eddy.lake.support.S3ProxyServer;
import dev.eddy.lake.support.WriterRun;
import dev.eddy.lake.table.TableRegistry;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokerExtension;
import dev.eddy.testing.KafkaTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The writer against a real broker and a real S3 API (s3proxy); the objects are then read back with DuckDB. */
@ExtendWith(KafkaBrokerExtension.class)
class S3LakeWriterTest {

    private static final int CLICKS = 2_000;

    @Test
    void writesTheLakeLayoutToABucket(KafkaBroker broker, @TempDir Path blobs, @TempDir Path spool,
                                      @TempDir Path download) throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(broker);
        LakeFixtures.createTopics(kafka);
        String prefix = LakeFixtures.uniquePrefix("s3");
        kafka.produceBytes(LakeFixtures.clicks(prefix, CLICKS));

        try (S3ProxyServer server = new S3ProxyServer(blobs); S3Client client = server.client()) {
            client.createBucket(create -> create.bucket("eddy-lake"));
            LakeRoot.S3Location root = new LakeRoot.S3Location("eddy-lake", "lake");
            WriterSettings settings = LakeFixtures.settings(broker.bootstrapServers(), root, spool, 500,
                    Duration.ofSeconds(1));
            S3Storage storage = new S3Storage(client, root,
                    new WriterSettings.S3Settings(java.util.Optional.of(server.endpoint()), "us-east-1", true,
                            16L << 20, 8L << 20));

            try (WriterRun run = new WriterRun(new LakeWriter(settings, new TableRegistry(), storage,
                    new LakeMetrics(new SimpleMeterRegistry()), PublishObserver.NONE))) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    downloadLake(client, download);
                    return LakeQueries.count(download.resolve("lake"), "SELECT count(*) FROM clickstream_enriched"
                            + " WHERE event_id LIKE '" + prefix + "-%'") >= CLICKS;
                });
            }

            List<S3Object> objects = client.listObjectsV2Paginator(list -> list.bucket("eddy-lake").prefix("lake/"))
                    .contents().stream().toList();
            assertThat(objects).isNotEmpty().allSatisfy(object -> assertThat(object.key()).matches(
                    "lake/[a-z_0-9]+/dt=\\d{4}-\\d{2}-\\d{2}/hr=\\d{2}/clickstream\\.[a-z0-9.-]+\\+\\d+\\+\\d+\\.parquet"));
            assertThat(LakeQueries.count(download.resolve("lake"), "SELECT count(DISTINCT event_id)"
                    + " FROM clickstream_enriched WHERE event_id LIKE '" + prefix + "-%'")).isEqualTo(CLICKS);
            assertThat(LakeQueries.count(download.resolve("lake"), "SELECT count(*)"
                    + " FROM clickstream_enriched WHERE event_id LIKE '" + prefix + "-%'")).isEqualTo(CLICKS);
        }
        kafka.close();
    }

    static void downloadLake(S3Client client, Path target) throws Exception {
        for (S3Object object : client.listObjectsV2Paginator(list -> list.bucket("eddy-lake")).contents()) {
            Path file = target.resolve(object.key());
            Files.createDirectories(file.getParent());
            try {
                Files.write(file, client.getObjectAsBytes(get -> get.bucket("eddy-lake").key(object.key()))
                        .asByteArray());
            } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
                // s3proxy's filesystem store can list an object whose write it is still finishing; the next round
                // of the polling caller downloads it.
            }
        }
    }
}
