package dev.eddy.enricher.streams;

import org.apache.kafka.streams.StreamsBuilder;

import java.util.List;

/**
 * A {@link StreamsBuilder} that can declare sources co-partitioned. The DSL declares it only for its own joins; a
 * processor that reads a table's store directly (the enricher's click processor reading the users store) needs the
 * same guarantee - the click and the user with the same key are in the same task - and Kafka Streams enforces it at
 * every rebalance once declared: topics with different partition counts stop the application (ERROR) instead of
 * letting clicks silently miss their users.
 *
 * <p>Kafka Streams 4.1 has no public API for this; {@code StreamsBuilder} exposes its topology builder to subclasses,
 * and this uses that builder's {@code copartitionSources}, the call behind the DSL's joins.
 * {@code EnricherCoPartitioningTest} holds it to the behaviour on a real broker, so an upgrade that changes it fails
 * the build rather than the join.
 */
final class CoPartitioningStreamsBuilder extends StreamsBuilder {

    /** @param sourceNodeNames names of source nodes (the {@code Consumed#withName} or repartition source names) */
    void coPartition(String... sourceNodeNames) {
        internalTopologyBuilder.copartitionSources(List.of(sourceNodeNames));
    }
}
