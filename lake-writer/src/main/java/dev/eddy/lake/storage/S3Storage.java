package dev.eddy.lake.storage;

import dev.eddy.lake.config.WriterSettings.S3Settings;
import dev.eddy.lake.naming.LakeObjectName;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lake on an S3-compatible store through AWS SDK v2. Small files are one PUT; files of at least
 * {@code s3.multipart-threshold} go up as a multipart upload, which S3 shows only once completed (and aborts on
 * failure), so a half-written object is never visible. Credentials come from the default chain (environment,
 * profile, web identity for IRSA, container and instance roles): none are configured here.
 */
public final class S3Storage implements LakeStorage {

    private static final Logger LOG = Logger.getLogger(S3Storage.class);

    private final S3Client client;
    private final LakeRoot.S3Location location;
    private final S3Settings settings;

    public S3Storage(S3Client client, LakeRoot.S3Location location, S3Settings settings) {
        this.client = client;
        this.location = location;
        this.settings = settings;
    }

    /** The client the service uses: default credentials chain, optional endpoint and path-style addressing. */
    public static S3Client defaultClient(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(settings.pathStyle())
                // Checksums only where S3 requires them: many S3-compatible stores reject the newer trailing ones.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void publish(Path file, LakeObjectName name) {
        String key = location.key(name.relativePath());
        try {
            long size = Files.size(file);
            if (size >= settings.multipartThreshold()) {
                multipartUpload(file, key, size);
            } else {
                client.putObject(put -> put.bucket(location.bucket()).key(key).contentType("application/vnd.apache.parquet"),
                        RequestBody.fromFile(file));
            }
            Files.deleteIfExists(file);
        } catch (IOException | SdkException e) {
            throw new StorageException("cannot upload s3://" + location.bucket() + "/" + key, e);
        }
    }

    private void multipartUpload(Path file, String key, long size) throws IOException {
        String uploadId = client.createMultipartUpload(create -> create.bucket(location.bucket()).key(key)
                .contentType("application/vnd.apache.parquet")).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            long remaining = size;
            int partNumber = 1;
            byte[] buffer = new byte[(int) Math.min(settings.partSize(), size)];
            while (remaining > 0) {
                int length = (int) Math.min(settings.partSize(), remaining);
                in.readNBytes(buffer, 0, length);
                int number = partNumber;
                UploadPartResponse response = client.uploadPart(part -> part.bucket(location.bucket()).key(key)
                        .uploadId(uploadId).partNumber(number).contentLength((long) length),
                        RequestBody.fromBytes(length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length)));
                parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
                remaining -= length;
                partNumber++;
            }
            client.completeMultipartUpload(complete -> complete.bucket(location.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(abort -> abort.bucket(location.bucket()).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailure) {
                // A bucket lifecycle rule for incomplete multipart uploads cleans up what could not be aborted.
                LOG.warnf("cannot abort multipart upload %s of %s: %s", uploadId, key, abortFailure.getMessage());
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public void close() {
        client.close();
    }
}
