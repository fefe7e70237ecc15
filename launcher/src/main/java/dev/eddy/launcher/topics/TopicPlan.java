package dev.eddy.launcher.topics;

import dev.eddy.events.Topics;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every topic of {@link Topics}, read from the class itself so a topic added to the contract module is created by
 * {@code ./eddy up} without a change here. Tables keyed by id are compacted; everything else keeps the broker's time
 * and size retention.
 */
public final class TopicPlan {

    /** Tables: the latest value per key is the truth, older ones may go. */
    static final Set<String> COMPACTED = Set.of(Topics.USERS, Topics.STATUS_CODES);

    private TopicPlan() {
    }

    public static List<TopicSpec> forPartitions(int partitions) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String name : topicNames()) {
            Map<String, String> configs = COMPACTED.contains(name)
                    ? Map.of("cleanup.policy", "compact")
                    : Map.of();
            // The status-code table is tiny and read whole by every enricher instance (a GlobalKTable).
            int count = Topics.STATUS_CODES.equals(name) ? 1 : partitions;
            specs.add(new TopicSpec(name, count, configs));
        }
        return List.copyOf(specs);
    }

    /** The values of the public static String constants of {@link Topics}, in declaration order. */
    public static List<String> topicNames() {
        List<String> names = new ArrayList<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }
        return List.copyOf(names);
    }
}
