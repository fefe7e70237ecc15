package dev.eddy.aggregator.streams;

import org.apache.kafka.streams.processor.StreamPartitioner;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Partitions the repartition topics of pre-aggregated dimensions: a watermark goes to every partition (each store
 * task needs every input partition's position); a partial goes where Kafka's default partitioner puts its key, which
 * is where the query API looks for that key.
 */
final class WatermarkPartitioner implements StreamPartitioner<String, Contribution> {

    /** Record key of watermarks (partials are keyed by page, status or segment, never empty). */
    static final String WATERMARK_KEY = "";

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, Contribution value, int numPartitions) {
        if (value != null && value.watermark()) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.empty();
    }
}
