package dev.eddy.aggregator.dashboard;

import dev.eddy.aggregator.query.model.InstancesResponse;
import dev.eddy.events.PageViewsWindow;

import java.util.List;

/**
 * Everything the dashboard shows at one tick, as one JSON document (snake_case). Business panels come from the
 * query layer (fanned out across instances) and each says whether it is fresh, stale (read from a standby copy) or
 * unavailable (rebalancing, restoring); pipeline figures come from the broker's offsets.
 */
public record DashboardSnapshot(
        long generatedAt,
        String servedBy,
        String state,
        long intervalMs,
        long historyMs,
        Pipeline pipeline,
        Panel<List<MinuteCount>> pageViewsPerMinute,
        Panel<TopPages> topPages,
        Panel<Errors> errorsPerMinute,
        Panel<SessionLengths> sessions,
        Panel<List<SegmentTotal>> segments,
        Panel<InstancesResponse> instances,
        List<InstanceState> instanceStates) {

    /** One panel's data and whether it can be trusted: {@code ok}, {@code stale} or {@code unavailable}. */
    public record Panel<T>(String status, String message, T data) {

        public static <T> Panel<T> of(T data, boolean stale) {
            return new Panel<>(stale ? "stale" : "ok", stale ? "read from a standby or restoring copy" : null, data);
        }

        public static <T> Panel<T> unavailable(String message) {
            return new Panel<>("unavailable", message, null);
        }
    }

    public record MinuteCount(long windowStart, long events, long errors) {
    }

    public record TopPages(String window, long windowStart, long windowEnd, List<PageViewsWindow> pages) {
    }

    public record StatusMinute(int status, long windowStart, long errors) {
    }

    public record Errors(long alertThreshold, List<StatusMinute> windows) {
    }

    public record SegmentTotal(String city, String level, long events) {
    }

    /** Kafka Streams state of one instance as that instance reports it ({@code UNREACHABLE} when it does not). */
    public record InstanceState(String instance, String state, boolean self) {
    }

    /** Per-stage rates and lags, dead letters and late events; {@code error} says why figures are missing. */
    public record Pipeline(String error, List<Stage> stages, RejectedRecords deadLetters, RejectedRecords lateEvents) {
    }

    /**
     * One stage of the pipeline: offsets per second over the last interval on {@code topic} (its end offsets, or a
     * consumer group's committed offsets), and the group's lag (null when the stage has no group or it has not
     * committed yet). {@code rate} is null on the first sample.
     */
    public record Stage(String name, String topic, String group, Double rate, Long lag, boolean present) {
    }

    /**
     * Records on a side topic (dead letters, late events): how many ({@code exact} when every record was counted,
     * otherwise the offset span, an upper bound), the records read per reason, and the latest ones.
     */
    public record RejectedRecords(String topic, long total, boolean exact, List<ReasonCount> reasons,
                                  List<RejectedRecord> latest) {
    }

    public record ReasonCount(String reason, long count) {
    }

    public record RejectedRecord(long timestamp, int partition, long offset, String reason, String detail,
                                 String stage) {
    }
}
