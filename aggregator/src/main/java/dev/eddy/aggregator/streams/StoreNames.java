package dev.eddy.aggregator.streams;

import java.util.List;

/**
 * Names of the queryable window and session stores. Each name is also the {@code window} label of the late-record
 * metric and the value of the late-event header, so an operator sees one vocabulary everywhere.
 */
public final class StoreNames {

    public static final String USER_ACTIVITY = "user-activity-1m";
    public static final String PAGE_VIEWS_1M = "page-views-1m";
    public static final String PAGE_VIEWS_5M = "page-views-5m";
    public static final String SESSIONS = "sessions";
    public static final String ERRORS = "errors-1m";
    public static final String SEGMENTS = "segment-activity-1m";

    /**
     * The sessions that may still grow, per user (a key-value store beside {@link #SESSIONS}, which holds the closed
     * ones). Session queries read both.
     */
    public static final String OPEN_SESSIONS = "sessions-open";

    public static final List<String> ALL = List.of(USER_ACTIVITY, PAGE_VIEWS_1M, PAGE_VIEWS_5M, SESSIONS, ERRORS,
            SEGMENTS);

    /**
     * Names of the repartition steps of partial counts and watermarks (topics
     * {@code <application.id>-<name>-repartition}), one per pre-aggregated store.
     */
    public static final String BY_PAGE_1M = "page-views-1m-partials";
    public static final String BY_PAGE_5M = "page-views-5m-partials";
    public static final String BY_STATUS = "errors-1m-partials";
    public static final String BY_SEGMENT = "segment-activity-1m-partials";

    /** The repartition steps, for tools that watch their topics (benchmarks, operations). */
    public static final List<String> REPARTITIONS = List.of(BY_PAGE_1M, BY_PAGE_5M, BY_STATUS, BY_SEGMENT);

    private StoreNames() {
    }
}
