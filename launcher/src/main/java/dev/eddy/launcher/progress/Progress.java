package dev.eddy.launcher.progress;

import dev.eddy.events.Topics;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * How far each pipeline stage has got, computed from offsets only (a pure function of two snapshots): records per
 * second and in total per stage, and the lag of each consumer group.
 *
 * <p>Stages are read from the topics the stages write: {@code clickstream} = generated, {@code clickstream.enriched}
 * = enriched, the window-result topics = aggregated, and the committed offsets of the lake writer's consumer group =
 * written to the lake. Offsets of transactional topics also count commit markers, so those totals run slightly high.
 */
public record Progress(List<Stage> stages, List<GroupLag> lags) {

    /** A stage: its name, what it is measured on, its total and its rate (empty before a second snapshot). */
    public record Stage(String name, String measuredOn, long total, OptionalDouble perSecond) {
    }

    /**
     * Records a consumer group has not processed yet, over all partitions it has committed offsets for; empty while
     * the group has committed nothing (the lake writer commits only once a file is complete).
     */
    public record GroupLag(String group, OptionalLong lag) {

        public static GroupLag of(String group, long lag) {
            return new GroupLag(group, OptionalLong.of(lag));
        }

        public String describe() {
            return lag.isPresent() ? String.format(java.util.Locale.ROOT, "%,d", lag.getAsLong())
                    : "nothing committed yet";
        }
    }

    /** Consumer groups whose id contains this are the lake writer's (e.g. {@code eddy-lake-writer}). */
    public static final String LAKE_WRITER_GROUP_MARK = "lake-writer";
    static final String WINDOWS_PREFIX = "clickstream.windows.";

    public static Progress between(OffsetSnapshot previous, OffsetSnapshot current) {
        List<Stage> stages = new ArrayList<>();
        stages.add(topicStage("generated", Topics.CLICKS, previous, current));
        stages.add(topicStage("user updates", Topics.USERS, previous, current));
        stages.add(topicStage("enriched", Topics.ENRICHED, previous, current));
        stages.add(stage("aggregated", WINDOWS_PREFIX + "*", previous, current,
                snapshot -> sumWhere(snapshot.endOffsets(), WINDOWS_PREFIX)));
        stages.add(stage("written to lake", "lake-writer group commits", previous, current,
                snapshot -> lakeWriterCommitted(snapshot)));
        stages.add(topicStage("dead letters", Topics.DEAD_LETTERS, previous, current));
        stages.add(topicStage("late events", Topics.LATE_EVENTS, previous, current));
        return new Progress(List.copyOf(stages), lags(current));
    }

    public static Progress of(OffsetSnapshot only) {
        return between(null, only);
    }

    private static Stage topicStage(String name, String topic, OffsetSnapshot previous, OffsetSnapshot current) {
        return stage(name, topic, previous, current, snapshot -> snapshot.endOffsetSum(topic));
    }

    private static Stage stage(String name, String measuredOn, OffsetSnapshot previous, OffsetSnapshot current,
                               java.util.function.ToLongFunction<OffsetSnapshot> total) {
        long now = total.applyAsLong(current);
        if (previous == null || current.atMillis() <= previous.atMillis()) {
            return new Stage(name, measuredOn, now, OptionalDouble.empty());
        }
        // A negative difference means the data was deleted (a fresh .eddy/): no progress, not negative progress.
        long delta = Math.max(0, now - total.applyAsLong(previous));
        double seconds = (current.atMillis() - previous.atMillis()) / 1000.0;
        return new Stage(name, measuredOn, now, OptionalDouble.of(delta / seconds));
    }

    private static long sumWhere(Map<TopicPartition, Long> offsets, String topicPrefix) {
        return offsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().startsWith(topicPrefix))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static long lakeWriterCommitted(OffsetSnapshot snapshot) {
        return snapshot.committedByGroup().keySet().stream()
                .filter(group -> group.contains(LAKE_WRITER_GROUP_MARK))
                .mapToLong(snapshot::committedSum)
                .sum();
    }

    /** Lag per group, sorted by group id: end offset minus committed offset, summed over partitions. */
    static List<GroupLag> lags(OffsetSnapshot snapshot) {
        Map<String, OptionalLong> lags = new TreeMap<>();
        snapshot.committedByGroup().forEach((group, committed) -> {
            if (committed.isEmpty()) {
                lags.put(group, OptionalLong.empty());
                return;
            }
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
                Long end = snapshot.endOffsets().get(entry.getKey());
                if (end != null) {
                    lag += Math.max(0, end - entry.getValue());
                }
            }
            lags.put(group, OptionalLong.of(lag));
        });
        return lags.entrySet().stream().map(entry -> new GroupLag(entry.getKey(), entry.getValue())).toList();
    }
}
