package dev.eddy.lake.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the lake writer, under {@code eddy.lake-writer}. Values are checked when the service starts
 * ({@link WriterSettings}); a bad value stops it with the key's name. Kafka client settings (bootstrap servers, TLS,
 * SASL) are the usual {@code kafka.*} keys.
 */
@ConfigMapping(prefix = "eddy.lake-writer")
public interface LakeWriterConfig {

    /** A local folder, or {@code s3://bucket/prefix} for any S3-compatible object store. */
    @WithDefault(".eddy/lake")
    String root();

    /** Consumer group; its committed offsets are the writer's only progress record. */
    @WithDefault("eddy-lake-writer")
    String groupId();

    /** Parquet compression codec: zstd, snappy, gzip or uncompressed. */
    @WithDefault("zstd")
    String compression();

    Roll roll();

    /** A partition with an open file and no new record for this long gets its file written. */
    @WithDefault("30s")
    Duration idleFlush();

    /** Upper bound of the rows buffered in memory over all open files; above it the largest file is written early. */
    @WithDefault("256M")
    MemorySize maxBufferedBytes();

    /** Parquet row group size: the most one open file keeps in memory before spilling a row group to its spool file. */
    @WithDefault("32M")
    MemorySize rowGroupSize();

    /** Where files are assembled before upload when the root is S3 (a local root uses {@code <root>/_tmp}). */
    Optional<String> spoolDir();

    /** How long one poll waits for records; also how often idle partitions are checked. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /**
     * Threads that decode and encode records (each partition in order, several partitions at once); the number of
     * CPUs when absent.
     */
    Optional<Integer> workerThreads();

    S3 s3();

    /** When files roll. Each rule depends on the records only, so a replay cuts at the same places. */
    interface Roll {
        /** Most records per file. */
        @WithDefault("1000000")
        long maxRecords();

        /** Most input bytes (serialized record values) per file. */
        @WithDefault("256M")
        MemorySize maxBytes();

        /** Widest event-time range inside one file. */
        @WithDefault("5m")
        Duration maxSpan();
    }

    interface S3 {
        /** Endpoint of an S3-compatible store (MinIO, GCS interop, s3proxy); AWS when absent. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Path-style addressing ({@code endpoint/bucket/key}), which most non-AWS stores need. */
        @WithDefault("false")
        boolean pathStyle();

        /** Files at least this large are uploaded with a multipart upload. */
        @WithDefault("16M")
        MemorySize multipartThreshold();

        /** Part size of multipart uploads (S3 needs at least 5 MiB). */
        @WithDefault("8M")
        MemorySize partSize();
    }
}
