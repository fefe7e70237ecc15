package dev.eddy.aggregator.dashboard;

import java.time.Duration;

/** Checked dashboard settings (see {@link DashboardConfig}); plain values so tests can build them directly. */
public record DashboardSettings(Duration interval, Duration history, int latestRecords, String enricherGroup,
                                String lakeWriterGroup) {

    private static final String PREFIX = "eddy.aggregator.dashboard.";

    public DashboardSettings {
        if (interval == null || interval.toMillis() < 200 || interval.toSeconds() > 60) {
            throw invalid("interval", "must be between 200ms and 60s, was " + interval);
        }
        if (history == null || history.toMinutes() < 1 || history.toHours() > 6) {
            throw invalid("history", "must be between 1 minute and 6 hours, was " + history);
        }
        if (latestRecords < 1 || latestRecords > 100) {
            throw invalid("latest-records", "must be between 1 and 100, was " + latestRecords);
        }
        if (enricherGroup == null || enricherGroup.isBlank()) {
            throw invalid("enricher-group", "must not be blank");
        }
        if (lakeWriterGroup == null || lakeWriterGroup.isBlank()) {
            throw invalid("lake-writer-group", "must not be blank");
        }
    }

    public static DashboardSettings from(DashboardConfig config) {
        return new DashboardSettings(config.interval(), config.history(), config.latestRecords(),
                config.enricherGroup(), config.lakeWriterGroup());
    }

    private static IllegalArgumentException invalid(String key, String reason) {
        return new IllegalArgumentException(PREFIX + key + " " + reason);
    }
}
