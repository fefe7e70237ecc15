package dev.eddy.lake.config;

import dev.eddy.lake.storage.LakeRoot;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lake writer's settings, checked: every constructor failure names the configuration key at fault. Plain values,
 * so tests and the benchmark build one without Quarkus.
 */
public record WriterSettings(
        LakeRoot root,
        String groupId,
        CompressionCodecName compression,
        RollLimits roll,
        Duration idleFlush,
        long maxBufferedBytes,
        long rowGroupSize,
        Path spoolDir,
        Duration pollTimeout,
        S3Settings s3,
        Map<String, Object> kafka,
        int workerThreads) {

    public static final String PREFIX = "eddy.lake-writer.";
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    public WriterSettings {
        requireText(groupId, "group-id");
        requirePositive(idleFlush, "idle-flush");
        requirePositive(pollTimeout, "poll-timeout");
        requirePositive(maxBufferedBytes, "max-buffered-bytes");
        requirePositive(rowGroupSize, "row-group-size");
        if (kafka.get("bootstrap.servers") == null) {
            throw new IllegalArgumentException("kafka.bootstrap.servers must be set");
        }
        kafka = Map.copyOf(kafka);
        if (workerThreads < 1) {
            throw new IllegalArgumentException(PREFIX + "worker-threads must be >= 1; was " + workerThreads);
        }
    }

    /** Reads the mapped configuration; {@code kafka} holds every {@code kafka.*} key without its prefix. */
    public static WriterSettings from(LakeWriterConfig config, Map<String, Object> kafka) {
        LakeRoot root = LakeRoot.parse(config.root(), PREFIX + "root");
        Path spool = config.spoolDir().map(Path::of)
                .orElseGet(() -> root.localFolder().map(folder -> folder.resolve("_tmp"))
                        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "eddy-lake-spool")));
        return new WriterSettings(root, config.groupId(), codec(config.compression()),
                new RollLimits(config.roll().maxRecords(), config.roll().maxBytes().asLongValue(),
                        config.roll().maxSpan()),
                config.idleFlush(), config.maxBufferedBytes().asLongValue(), config.rowGroupSize().asLongValue(),
                spool, config.pollTimeout(),
                new S3Settings(config.s3().endpoint(), config.s3().region(), config.s3().pathStyle(),
                        config.s3().multipartThreshold().asLongValue(), config.s3().partSize().asLongValue()),
                kafka, config.workerThreads().orElse(Runtime.getRuntime().availableProcessors()));
    }

    public static CompressionCodecName codec(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "zstd" -> CompressionCodecName.ZSTD;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "uncompressed", "none" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new IllegalArgumentException(PREFIX + "compression must be one of zstd, snappy, gzip,"
                    + " uncompressed; was '" + name + "'");
        };
    }

    /** The three record-determined roll rules. */
    public record RollLimits(long maxRecords, long maxBytes, Duration maxSpan) {
        public RollLimits {
            requirePositive(maxRecords, "roll.max-records");
            requirePositive(maxBytes, "roll.max-bytes");
            requirePositive(maxSpan, "roll.max-span");
        }
    }

    public record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, long multipartThreshold,
                             long partSize) {
        public S3Settings {
            requireText(region, "s3.region");
            if (partSize < MIN_PART_SIZE) {
                throw new IllegalArgumentException(PREFIX + "s3.part-size must be at least 5M (S3's minimum part"
                        + " size); was " + partSize + " bytes");
            }
            if (multipartThreshold < partSize) {
                throw new IllegalArgumentException(PREFIX + "s3.multipart-threshold must be at least"
                        + " s3.part-size; was " + multipartThreshold + " < " + partSize);
            }
        }

        public static S3Settings defaults() {
            return new S3Settings(Optional.empty(), "us-east-1", false, 16L * 1024 * 1024, 8L * 1024 * 1024);
        }
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PREFIX + key + " must not be blank");
        }
    }

    private static void requirePositive(long value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(PREFIX + key + " must be > 0; was " + value);
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + key + " must be a positive duration; was " + value);
        }
    }
}
