package dev.eddy.aggregator.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Settings of the live dashboard, under {@code eddy.aggregator.dashboard}. Checked at start by
 * {@link DashboardSettings#from(DashboardConfig)}: a bad value stops the application naming the key.
 */
@ConfigMapping(prefix = "eddy.aggregator.dashboard")
public interface DashboardConfig {

    /** How often a snapshot is computed and pushed while someone watches (1-2 s keeps the broker calls cheap). */
    @WithDefault("1S")
    Duration interval();

    /** How far back the time-series panels reach (page views, errors, sessions). At most the query max-range. */
    @WithDefault("30M")
    Duration history();

    /** How many of the latest dead-letter and late records the dashboard keeps with their reasons. */
    @WithDefault("10")
    int latestRecords();

    /** Consumer group (application.id) of the enricher, whose lag is shown. */
    @WithDefault("eddy-enricher")
    String enricherGroup();

    /** Consumer group of the lake writer, whose progress on clickstream.enriched is "written to the lake". */
    @WithDefault("eddy-lake-writer")
    String lakeWriterGroup();
}
