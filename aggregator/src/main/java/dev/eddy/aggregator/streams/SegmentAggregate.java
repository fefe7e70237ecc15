package dev.eddy.aggregator.streams;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.SegmentActivityWindow;

import java.util.Set;
import java.util.TreeSet;

/**
 * Activity of one city and level in one window: the number of clicks and the distinct known user ids (anonymous
 * clicks count as events, not as users).
 */
public record SegmentAggregate(
        @JsonProperty("city") String city,
        @JsonProperty("level") String level,
        @JsonProperty("events") long events,
        @JsonProperty("users") Set<Integer> users) {

    /** City and level of clicks whose user is unknown or anonymous. */
    public static final String UNKNOWN = "unknown";

    public static SegmentAggregate empty() {
        return new SegmentAggregate(null, null, 0, Set.of());
    }

    public static String cityOf(EnrichedClick click) {
        return click.city() == null || click.city().isBlank() ? UNKNOWN : click.city();
    }

    public static String levelOf(EnrichedClick click) {
        return click.level() == null || click.level().isBlank() ? UNKNOWN : click.level();
    }

    /** The grouping key: city and level joined by {@code |}. */
    public static String keyOf(EnrichedClick click) {
        return cityOf(click) + "|" + levelOf(click);
    }

    public SegmentAggregate add(EnrichedClick click) {
        Set<Integer> knownUsers = users;
        if (click.userId() >= 0 && !users.contains(click.userId())) {
            knownUsers = new TreeSet<>(users);
            knownUsers.add(click.userId());
        }
        return new SegmentAggregate(cityOf(click), levelOf(click), events + 1, knownUsers);
    }

    public SegmentActivityWindow toWindow(long start, long end) {
        return new SegmentActivityWindow(city, level, start, end, events, users.size());
    }
}
