package dev.eddy.launcher.progress;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * Offsets read from the broker at one moment: the end offset of every partition and the committed offsets of every
 * consumer group. Two snapshots give rates; one gives totals and lag.
 */
public record OffsetSnapshot(long atMillis, Map<TopicPartition, Long> endOffsets,
                             Map<String, Map<TopicPartition, Long>> committedByGroup) {

    public OffsetSnapshot {
        endOffsets = Map.copyOf(endOffsets);
        committedByGroup = Map.copyOf(committedByGroup);
    }

    public long endOffsetSum(String topic) {
        return endOffsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    public long committedSum(String group) {
        return committedByGroup.getOrDefault(group, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
