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

    public static final List<String> ALL = List.of(USER_ACTIVITY, PAGE_VIEWS_1M, PAGE_VIEWS_5M, SESSIONS, ERRORS,
            SEGMENTS);

    /** Names of the repartition steps (topics {@code <application.id>-<name>-repartition}). */
    public static final String BY_PAGE = "by-page";
    public static final String BY_STATUS = "errors-by-status";
    public static final String BY_SEGMENT = "by-segment";

    private StoreNames() {
    }
}
