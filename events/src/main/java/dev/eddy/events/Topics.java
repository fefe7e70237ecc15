package dev.eddy.events;

/**
 * Names of every topic Eddy reads or writes. Services meet only through these topics, so the names live in the shared
 * contract module rather than in each service's configuration defaults.
 */
public final class Topics {

    /** Raw clicks, keyed by user id (decimal string; {@code "-1"} for anonymous clicks). */
    public static final String CLICKS = "clickstream";
    /** The users table (compacted), keyed by user id. */
    public static final String USERS = "clickstream.users";
    /** Reference data: HTTP status code to definition (compacted), keyed by code. */
    public static final String STATUS_CODES = "clickstream.status-codes";
    /** Clicks joined with their user and reference data, keyed by user id. */
    public static final String ENRICHED = "clickstream.enriched";
    /** Records that could not be processed: original bytes plus {@link DeadLetterHeaders}. */
    public static final String DEAD_LETTERS = "clickstream.dlq";
    /** Records that arrived after their window's grace period had passed. */
    public static final String LATE_EVENTS = "clickstream.late";

    /** What the generator emitted, page views per page per minute: the answer key for the pipeline. */
    public static final String TRUTH_PAGE_VIEWS = "clickstream.truth.page-views-1m";
    /** What the generator emitted, one summary per finished user session. */
    public static final String TRUTH_SESSIONS = "clickstream.truth.sessions";

    /** Final window results (emitted once, when the window closes). */
    public static final String USER_ACTIVITY_1M = "clickstream.windows.user-activity-1m";
    public static final String PAGE_VIEWS_1M = "clickstream.windows.page-views-1m";
    public static final String PAGE_VIEWS_5M = "clickstream.windows.page-views-5m";
    public static final String SESSIONS = "clickstream.windows.sessions";
    public static final String ERRORS_1M = "clickstream.windows.errors-1m";
    public static final String SEGMENT_ACTIVITY_1M = "clickstream.windows.segment-activity-1m";
    /** Error-rate alerts raised when errors per minute for a status reach the configured threshold. */
    public static final String ERROR_ALERTS = "clickstream.alerts.errors";

    private Topics() {
    }
}
