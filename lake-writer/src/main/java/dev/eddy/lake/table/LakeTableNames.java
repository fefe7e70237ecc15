package dev.eddy.lake.table;

import java.util.List;

/**
 * The lake's table names, apart from their schemas so the SQL runner ({@code ./eddy sql}) can list them with nothing
 * but this class and DuckDB on its class path.
 */
public final class LakeTableNames {

    public static final String CLICKSTREAM_ENRICHED = "clickstream_enriched";
    public static final String USER_ACTIVITY_1M = "user_activity_1m";
    public static final String PAGE_VIEWS_1M = "page_views_1m";
    public static final String PAGE_VIEWS_5M = "page_views_5m";
    public static final String SESSIONS = "sessions";
    public static final String ERRORS_1M = "errors_1m";
    public static final String SEGMENT_ACTIVITY_1M = "segment_activity_1m";
    public static final String ERROR_ALERTS = "error_alerts";

    public static final List<String> ALL = List.of(CLICKSTREAM_ENRICHED, USER_ACTIVITY_1M, PAGE_VIEWS_1M,
            PAGE_VIEWS_5M, SESSIONS, ERRORS_1M, SEGMENT_ACTIVITY_1M, ERROR_ALERTS);

    private LakeTableNames() {
    }
}
