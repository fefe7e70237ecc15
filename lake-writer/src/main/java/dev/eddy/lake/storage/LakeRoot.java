package dev.eddy.lake.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the lake lives: a local folder, or a bucket and key prefix on an S3-compatible store. Parsed from
 * {@code eddy.lake-writer.root}: {@code s3://bucket/prefix} or a path.
 */
public sealed interface LakeRoot {

    record LocalFolder(Path folder) implements LakeRoot {
    }

    record S3Location(String bucket, String prefix) implements LakeRoot {
        /** The object key of a lake-relative path. */
        public String key(String relativePath) {
            return prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
        }
    }

    static LakeRoot parse(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        String text = value.trim();
        if (text.startsWith("s3://") || text.startsWith("s3a://")) {
            URI uri = URI.create(text);
            String bucket = uri.getHost();
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException(key + " must name a bucket, as in s3://bucket/prefix; was '"
                        + value + "'");
            }
            String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
            return new S3Location(bucket, prefix);
        }
        if (text.contains("://")) {
            throw new IllegalArgumentException(key + " must be a local folder or s3://bucket/prefix; was '"
                    + value + "'");
        }
        return new LocalFolder(Path.of(text).toAbsolutePath().normalize());
    }

    default Optional<Path> localFolder() {
        return this instanceof LocalFolder local ? Optional.of(local.folder()) : Optional.empty();
    }

    /** For logs and the health check. */
    default String describe() {
        if (this instanceof S3Location s3) {
            return "s3://" + s3.bucket() + (s3.prefix().isEmpty() ? "" : "/" + s3.prefix());
        }
        return ((LocalFolder) this).folder().toString();
    }
}
