package dev.eddy.lake.storage;

import dev.eddy.lake.config.WriterSettings.S3Settings;
import dev.eddy.lake.naming.HourPartition;
import dev.eddy.lake.naming.LakeObjectName;
import dev.eddy.lake.support.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publishing to a real S3 API (s3proxy): single PUT, multipart, replacement, and a failure that names the object. */
class S3StorageTest {

    private static final long MIB = 1024 * 1024;
    private static final LakeObjectName NAME = new LakeObjectName("sessions", HourPartition.of(1_795_255_200_000L),
            "clickstream.windows.sessions", 2, 40L);

    @TempDir
    static Path blobs;
    private static S3ProxyServer server;
    private static S3Client client;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3ProxyServer(blobs);
        client = server.client();
        client.createBucket(create -> create.bucket("lake"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void smallFileIsOnePutUnderThePrefix(@TempDir Path spool) throws Exception {
        byte[] content = randomBytes(1000);
        S3Storage storage = new S3Storage(client, new LakeRoot.S3Location("lake", "eddy/prod"), settings());

        storage.publish(write(spool.resolve("small"), content), NAME);

        String key = "eddy/prod/sessions/dt=2026-11-21/hr=10/clickstream.windows.sessions+2+40.parquet";
        assertThat(client.getObjectAsBytes(get -> get.bucket("lake").key(key)).asByteArray()).isEqualTo(content);
        assertThat(spool.resolve("small")).doesNotExist();
    }

    @Test
    void largeFileGoesUpInPartsAndReplacesTheEarlierObject(@TempDir Path spool) throws Exception {
        S3Storage storage = new S3Storage(client, new LakeRoot.S3Location("lake", "multi"), settings());
        storage.publish(write(spool.resolve("first"), randomBytes(1000)), NAME);
        byte[] large = randomBytes((int) (12 * MIB + 17));

        storage.publish(write(spool.resolve("large"), large), NAME);

        String key = "multi/" + NAME.relativePath();
        var head = client.headObject(h -> h.bucket("lake").key(key));
        assertThat(head.contentLength()).isEqualTo(large.length);
        // a multipart upload's ETag is "<md5 of part md5s>-<parts>": 12 MiB in 5 MiB parts is three parts
        assertThat(head.eTag()).endsWith("-3\"");
        assertThat(client.getObjectAsBytes(get -> get.bucket("lake").key(key)).asByteArray()).isEqualTo(large);
        assertThat(client.listMultipartUploads(list -> list.bucket("lake")).uploads()).isEmpty();
    }

    @Test
    void failureNamesTheObject(@TempDir Path spool) throws Exception {
        S3Storage storage = new S3Storage(client, new LakeRoot.S3Location("no-such-bucket", ""), settings());

        assertThatThrownBy(() -> storage.publish(write(spool.resolve("orphan"), randomBytes(10)), NAME))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://no-such-bucket/sessions/dt=2026-11-21/hr=10/");
    }

    private static S3Settings settings() {
        return new S3Settings(Optional.of(server.endpoint()), "us-east-1", true, 5 * MIB, 5 * MIB);
    }

    private static Path write(Path file, byte[] content) throws Exception {
        return Files.write(file, content);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
