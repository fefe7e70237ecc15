package dev.eddy.aggregator.streams;

import java.util.Set;
import java.util.TreeSet;

/** How a store task adds a partial to the value of one window of a pre-aggregated dimension. */
@FunctionalInterface
interface WindowMerge<V> {

    /** @param current the window's value so far, null when the window has none yet */
    V add(V current, Contribution partial);

    /** Page views and statuses: a count. */
    WindowMerge<Long> COUNT = (current, partial) -> (current == null ? 0L : current) + partial.events();

    /** Segments: events and distinct known users. */
    WindowMerge<SegmentAggregate> SEGMENT = (current, partial) -> {
        Set<Integer> users = new TreeSet<>(current == null ? Set.of() : current.users());
        for (int user : partial.users()) {
            users.add(user);
        }
        return new SegmentAggregate(partial.city(), partial.level(),
                (current == null ? 0 : current.events()) + partial.events(), users);
    };
}
