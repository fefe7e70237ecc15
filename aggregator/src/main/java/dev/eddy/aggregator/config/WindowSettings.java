package dev.eddy.aggregator.config;

import java.time.Duration;

/**
 * The window definitions the topology is built from: plain values, so tests build the same topology the application
 * runs without Quarkus. {@link #from(AggregatorConfig)} checks every value and names the offending key.
 */
public record WindowSettings(
        Duration userActivitySize, Duration userActivityGrace,
        Duration pageViewsTumblingSize, Duration pageViewsTumblingGrace,
        Duration pageViewsHoppingSize, Duration pageViewsHoppingAdvance, Duration pageViewsHoppingGrace,
        Duration sessionInactivityGap, Duration sessionGrace,
        Duration errorsSize, Duration errorsGrace, long errorAlertThreshold,
        Duration segmentsSize, Duration segmentsGrace,
        Duration retention) {

    private static final String PREFIX = "eddy.aggregator.";

    public WindowSettings {
        positive(userActivitySize, "user-activity.size");
        notNegative(userActivityGrace, "user-activity.grace");
        positive(pageViewsTumblingSize, "page-views.tumbling.size");
        notNegative(pageViewsTumblingGrace, "page-views.tumbling.grace");
        positive(pageViewsHoppingSize, "page-views.hopping.size");
        positive(pageViewsHoppingAdvance, "page-views.hopping.advance");
        if (pageViewsHoppingAdvance.compareTo(pageViewsHoppingSize) > 0) {
            throw invalid("page-views.hopping.advance", "must not exceed page-views.hopping.size ("
                    + pageViewsHoppingSize + "), was " + pageViewsHoppingAdvance);
        }
        notNegative(pageViewsHoppingGrace, "page-views.hopping.grace");
        positive(sessionInactivityGap, "sessions.inactivity-gap");
        notNegative(sessionGrace, "sessions.grace");
        positive(errorsSize, "errors.size");
        notNegative(errorsGrace, "errors.grace");
        if (errorAlertThreshold < 1) {
            throw invalid("errors.alert-threshold", "must be >= 1, was " + errorAlertThreshold);
        }
        positive(segmentsSize, "segments.size");
        notNegative(segmentsGrace, "segments.grace");
        positive(retention, "retention");
        Duration needed = max(userActivitySize.plus(userActivityGrace),
                pageViewsTumblingSize.plus(pageViewsTumblingGrace),
                pageViewsHoppingSize.plus(pageViewsHoppingGrace),
                sessionInactivityGap.plus(sessionGrace),
                errorsSize.plus(errorsGrace),
                segmentsSize.plus(segmentsGrace));
        if (retention.compareTo(needed) < 0) {
            throw invalid("retention", "must be at least the largest window size (or session gap) plus its grace ("
                    + needed + "), was " + retention);
        }
    }

    public static WindowSettings from(AggregatorConfig config) {
        return new WindowSettings(
                config.userActivity().size(), config.userActivity().grace(),
                config.pageViews().tumbling().size(), config.pageViews().tumbling().grace(),
                config.pageViews().hopping().size(), config.pageViews().hopping().advance(),
                config.pageViews().hopping().grace(),
                config.sessions().inactivityGap(), config.sessions().grace(),
                config.errors().size(), config.errors().grace(), config.errors().alertThreshold(),
                config.segments().size(), config.segments().grace(),
                config.retention());
    }

    /** The defaults of {@link AggregatorConfig}: 1-minute windows, 5-minute hopping by 1 minute, 30-minute sessions. */
    public static WindowSettings defaults() {
        Duration minute = Duration.ofMinutes(1);
        return new WindowSettings(minute, minute, minute, minute, Duration.ofMinutes(5), minute, minute,
                Duration.ofMinutes(30), minute, minute, minute, 100, minute, minute, Duration.ofHours(6));
    }

    private static void positive(Duration value, String key) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw invalid(key, "must be a positive duration, was " + value);
        }
    }

    private static void notNegative(Duration value, String key) {
        if (value == null || value.isNegative()) {
            throw invalid(key, "must be zero or positive, was " + value);
        }
    }

    private static Duration max(Duration... values) {
        Duration max = Duration.ZERO;
        for (Duration value : values) {
            if (value.compareTo(max) > 0) {
                max = value;
            }
        }
        return max;
    }

    static IllegalArgumentException invalid(String key, String reason) {
        return new IllegalArgumentException(PREFIX + key + " " + reason);
    }
}
