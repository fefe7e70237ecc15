package dev.eddy.aggregator.it;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.UserActivityWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the aggregator must answer for a set of clicks, recomputed here from the clicks alone with plain loops (no
 * Kafka Streams code), so the end-to-end test compares two independent computations.
 */
final class ExpectedAggregates {

    private static final long MINUTE = 60_000;

    private final List<EnrichedClick> clicks;

    ExpectedAggregates(List<EnrichedClick> clicks) {
        this.clicks = clicks;
    }

    List<UserActivityWindow> userActivity(int userId) {
        Map<Long, Long> perMinute = new TreeMap<>();
        clicks.stream().filter(c -> c.userId() == userId)
                .forEach(c -> perMinute.merge(floor(c.eventTime(), MINUTE), 1L, Long::sum));
        return perMinute.entrySet().stream()
                .map(e -> new UserActivityWindow(userId, e.getKey(), e.getKey() + MINUTE, e.getValue())).toList();
    }

    List<PageViewsWindow> pageViews1m(String page) {
        Map<Long, Long> perMinute = new TreeMap<>();
        clicks.stream().filter(c -> c.page().equals(page))
                .forEach(c -> perMinute.merge(floor(c.eventTime(), MINUTE), 1L, Long::sum));
        return perMinute.entrySet().stream()
                .map(e -> new PageViewsWindow(page, e.getKey(), e.getKey() + MINUTE, e.getValue())).toList();
    }

    /** Five-minute windows starting every minute: a click at t is in the windows starting in (t - 5m, t]. */
    List<PageViewsWindow> pageViews5m(String page) {
        Map<Long, Long> perWindow = new TreeMap<>();
        for (EnrichedClick click : clicks) {
            if (!click.page().equals(page)) {
                continue;
            }
            long lastStart = floor(click.eventTime(), MINUTE);
            for (long start = lastStart; start > click.eventTime() - 5 * MINUTE; start -= MINUTE) {
                perWindow.merge(start, 1L, Long::sum);
            }
        }
        return perWindow.entrySet().stream()
                .map(e -> new PageViewsWindow(page, e.getKey(), e.getKey() + 5 * MINUTE, e.getValue())).toList();
    }

    /** Sessions: a user's clicks in time order, split where two consecutive clicks are more than the gap apart. */
    List<SessionSummary> sessions(int userId, long gapMillis) {
        List<EnrichedClick> own = clicks.stream().filter(c -> c.userId() == userId)
                .sorted(Comparator.comparingLong(EnrichedClick::eventTime)).toList();
        List<SessionSummary> sessions = new ArrayList<>();
        List<EnrichedClick> current = new ArrayList<>();
        for (EnrichedClick click : own) {
            if (!current.isEmpty() && click.eventTime() - current.get(current.size() - 1).eventTime() > gapMillis) {
                sessions.add(summary(userId, current));
                current = new ArrayList<>();
            }
            current.add(click);
        }
        if (!current.isEmpty()) {
            sessions.add(summary(userId, current));
        }
        return sessions;
    }

    List<PageViewsWindow> topPages1m(long windowStart, int n) {
        Map<String, Long> views = clicks.stream().filter(c -> floor(c.eventTime(), MINUTE) == windowStart)
                .collect(Collectors.groupingBy(EnrichedClick::page, Collectors.counting()));
        return views.entrySet().stream()
                .map(e -> new PageViewsWindow(e.getKey(), windowStart, windowStart + MINUTE, e.getValue()))
                .sorted(Comparator.comparingLong(PageViewsWindow::views).reversed()
                        .thenComparing(PageViewsWindow::page))
                .limit(n).toList();
    }

    long totalEvents() {
        return clicks.size();
    }

    long totalErrors() {
        return clicks.stream().filter(c -> c.status() >= 400).count();
    }

    private static SessionSummary summary(int userId, List<EnrichedClick> session) {
        Set<String> pages = new HashSet<>();
        session.forEach(c -> pages.add(c.page()));
        EnrichedClick first = session.get(0);
        EnrichedClick last = session.get(session.size() - 1);
        return new SessionSummary(userId, first.eventTime(), last.eventTime(), session.size(), pages.size(),
                first.page(), last.page(), session.size() == 1);
    }

    private static long floor(long time, long size) {
        return Math.floorDiv(time, size) * size;
    }
}
