package dev.eddy.aggregator.streams;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * How the topology is deployed, beside the window definitions.
 *
 * @param inputPartitions partitions of {@code clickstream.enriched}: the pre-aggregated windows close when every one
 *                        of them has passed, so the store tasks must know how many there are. Asked when a store
 *                        task starts (the application looks it up once, from the broker, once Kafka Streams runs)
 * @param flushInterval   how often (wall clock) the input tasks send their partial counts of page views, statuses and
 *                        segments: those queries lag the input by up to this much
 * @param decodedSessionUsers how many users' open sessions each input task keeps decoded beside its store
 */
public record TopologyOptions(IntSupplier inputPartitions, Duration flushInterval, int decodedSessionUsers) {

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    public static final int DEFAULT_DECODED_SESSION_USERS = 10_000;

    /** Options for a known partition count (tests, benchmarks). */
    public static TopologyOptions of(int inputPartitions, Duration flushInterval) {
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("the input topic must have at least one partition, was "
                    + inputPartitions);
        }
        return new TopologyOptions(() -> inputPartitions, flushInterval, DEFAULT_DECODED_SESSION_USERS);
    }

    public TopologyOptions {
        if (inputPartitions == null) {
            throw new IllegalArgumentException("inputPartitions is required");
        }
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("eddy.aggregator.flush-interval must be a positive duration, was "
                    + flushInterval);
        }
        if (decodedSessionUsers < 1) {
            throw new IllegalArgumentException("eddy.aggregator.sessions.decoded-users-per-task must be at least 1, was "
                    + decodedSessionUsers);
        }
    }
}
