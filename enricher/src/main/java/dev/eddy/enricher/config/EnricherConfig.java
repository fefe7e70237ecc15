package dev.eddy.enricher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.time.Instant;

/**
 * The enricher's settings, prefix {@code eddy.enricher}. Checked at start: a bad value stops the service with a
 * message naming the key. Defaults are in application.properties, which also hands the values to Kafka Streams;
 * Kafka Streams' own settings are passed as {@code kafka-streams.*} (see application.properties).
 */
@ConfigMapping(prefix = "eddy.enricher")
public interface EnricherConfig {

    /**
     * How long the users table keeps superseded versions of a user, in event time. Must cover the latest a click can
     * arrive (the generator's maximum lateness): an older click can no longer see its user.
     */
    @WithDefault("PT1H")
    @DurationMin(seconds = 1)
    Duration userHistoryRetention();

    /**
     * How far ahead of this machine's clock a click's event time may be. A later one is dead-lettered: it would move
     * stream time ahead, close every window and make all other clicks late.
     */
    @WithDefault("PT5M")
    @DurationMin(seconds = 0)
    Duration maxFutureSkew();

    /** The earliest event time accepted; an older click is dead-lettered (a broken clock, not history). */
    @WithDefault("2000-01-01T00:00:00Z")
    Instant earliestEventTime();

    /**
     * The largest click or user payload accepted, in bytes; a larger one is dead-lettered before it is parsed. Keeps
     * the enriched record (about twice a click) under the broker's message size limit (1 MiB by default).
     */
    @WithDefault("262144")
    @Min(1024)
    @Max(4 * 1024 * 1024)
    int maxRecordBytes();

    /**
     * How many users' latest versions each task (a clicks partition with its users partition) keeps decoded in
     * memory, in front of the versioned users store: a click of such a user reads neither RocksDB nor decodes a user.
     * The least recently read leave first; about 0.5 KiB each. 0 turns it off.
     */
    @WithDefault("10000")
    @Min(0)
    @Max(10_000_000)
    int latestUsersPerTask();

    /** Where Kafka Streams keeps local state (RocksDB stores and checkpoints). */
    @NotBlank
    String stateDir();

    /** Replication factor of the internal topics (changelog, repartition): 1 on a single broker, 3 in production. */
    @Min(1)
    @Max(32)
    int replicationFactor();

    /** Stream threads in this instance; more than the partition count of the inputs leaves threads idle. */
    @Min(1)
    @Max(64)
    int streamThreads();
}
