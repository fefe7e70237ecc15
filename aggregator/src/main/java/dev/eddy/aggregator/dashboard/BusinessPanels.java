package dev.eddy.aggregator.dashboard;

import dev.eddy.aggregator.config.WindowSettings;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.Errors;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.MinuteCount;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.Panel;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.SegmentTotal;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.StatusMinute;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.TopPages;
import dev.eddy.aggregator.query.AggregatorQueries;
import dev.eddy.aggregator.query.Answer;
import dev.eddy.aggregator.query.FanOut;
import dev.eddy.aggregator.query.RequestOptions;
import dev.eddy.aggregator.query.model.ErrorRatesResponse;
import dev.eddy.aggregator.query.model.SegmentsResponse;
import dev.eddy.aggregator.query.model.TopPagesResponse;
import dev.eddy.aggregator.query.model.TotalsResponse;
import dev.eddy.events.SegmentActivityWindow;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The business panels, each computed through the public query layer exactly as the HTTP API answers it (so the
 * numbers on the page match {@code /api/v1}), with stale reads allowed: during a rebalance a panel shows a standby's
 * answer flagged stale rather than nothing. A panel that cannot be read at all says why, without failing the others.
 */
public final class BusinessPanels {

    static final int TOP_N = 10;
    private static final long MINUTE = 60_000;
    /** The city/level breakdown sums the last few one-minute windows. */
    static final int SEGMENT_MINUTES = 5;

    private final AggregatorQueries queries;
    private final SessionStatsReader sessions;
    private final WindowSettings windows;
    private final DashboardSettings settings;

    public BusinessPanels(AggregatorQueries queries, SessionStatsReader sessions, WindowSettings windows,
                          DashboardSettings settings) {
        this.queries = queries;
        this.sessions = sessions;
        this.windows = windows;
        this.settings = settings;
    }

    /** Minute windows starting in the history before {@code now}. */
    Panel<List<MinuteCount>> pageViewsPerMinute(long now) {
        return panel(() -> queries.totals(Long.toString(historyStart(now)), Long.toString(now), STALE_OK),
                (TotalsResponse totals) -> totals.windows().stream()
                        .map(w -> new MinuteCount(w.windowStart(), w.events(), w.errors())).toList());
    }

    /** The hopping window that ends with the current minute: the most recent complete view of "the last 5 min". */
    Panel<TopPages> topPages(long now) {
        long start = Math.floorDiv(now, MINUTE) * MINUTE
                - (windows.pageViewsHoppingSize().toMillis() - windows.pageViewsHoppingAdvance().toMillis());
        return panel(() -> queries.topPages("5m", Long.toString(start), Integer.toString(TOP_N), STALE_OK),
                (TopPagesResponse top) -> new TopPages(top.window(), top.windowStart(), top.windowEnd(), top.pages()));
    }

    Panel<Errors> errorsPerMinute(long now) {
        return panel(() -> queries.errorRates(Long.toString(historyStart(now)), Long.toString(now), null, STALE_OK),
                (ErrorRatesResponse errors) -> new Errors(windows.errorAlertThreshold(), errors.windows().stream()
                        .map(e -> new StatusMinute(e.status(), e.windowStart(), e.errors())).toList()));
    }

    Panel<SessionLengths> sessions(long now) {
        try {
            FanOut.Gathered<SessionLengths> gathered = sessions.gather(historyStart(now),
                    now - windows.sessionInactivityGap().toMillis());
            return Panel.of(gathered.items().get(0), gathered.stale());
        } catch (RuntimeException e) {
            return Panel.unavailable(e.getMessage());
        }
    }

    /** Events per city and level over the last {@value #SEGMENT_MINUTES} minute windows, most active first. */
    Panel<List<SegmentTotal>> segments(long now) {
        long from = Math.floorDiv(now, MINUTE) * MINUTE - (SEGMENT_MINUTES - 1) * MINUTE;
        return panel(() -> queries.segments(Long.toString(from), Long.toString(now), STALE_OK),
                (SegmentsResponse segments) -> {
                    Map<String, SegmentTotal> totals = new LinkedHashMap<>();
                    for (SegmentActivityWindow w : segments.windows()) {
                        totals.merge(w.city() + "\u0000" + w.level(), new SegmentTotal(w.city(), w.level(), w.events()),
                                (a, b) -> new SegmentTotal(a.city(), a.level(), a.events() + b.events()));
                    }
                    return totals.values().stream()
                            .sorted(Comparator.comparingLong(SegmentTotal::events).reversed()
                                    .thenComparing(SegmentTotal::city).thenComparing(SegmentTotal::level))
                            .toList();
                });
    }

    private long historyStart(long now) {
        return now - settings.history().toMillis();
    }

    private static final RequestOptions STALE_OK = new RequestOptions(true, false, "");

    @SuppressWarnings("unchecked")
    private static <R, T> Panel<T> panel(Supplier<Answer> query, Function<R, T> toData) {
        try {
            Answer answer = query.get();
            return Panel.of(toData.apply((R) answer.value()), answer.stale());
        } catch (RuntimeException e) {
            return Panel.unavailable(e.getMessage());
        }
    }
}
