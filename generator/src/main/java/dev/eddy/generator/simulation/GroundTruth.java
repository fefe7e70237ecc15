package dev.eddy.generator.simulation;

import dev.eddy.events.Click;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.RequestLine;
import dev.eddy.events.SessionSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The answer key: what a correct pipeline computes from the clicks that were emitted, built from the emitted clicks
 * themselves (not from the simulation's plans), by event time:
 * <ul>
 *   <li>page views per page per tumbling 1-minute window (every click counts, bots and anonymous visitors included);
 *   <li>one summary per session of a known user: a run of that user's clicks with no gap longer than the session gap
 *       (anonymous visitors and crawlers have no user, so no sessions).
 * </ul>
 * A result is final, and is published, once no click that could change it can still be emitted: every future click
 * is emitted at or after the emission frontier and is at most {@code maxLateness} older than its emission.
 */
final class GroundTruth {

    static final long WINDOW_MILLIS = 60_000;

    private final long maxLateness;
    private final long sessionGap;

    /** Open page-view windows: window start → page → views. */
    private final TreeMap<Long, Map<String, long[]>> windows = new TreeMap<>();
    /** Open sessions per user, by start time. */
    private final Map<Integer, TreeMap<Long, OpenSession>> sessions = new HashMap<>();
    /**
     * When each open session may become final, earliest first. A session that grew after it was queued is queued
     * again with its new end when its old entry comes up, so each session has about one entry at a time.
     */
    private final PriorityQueue<Deadline> sessionDeadlines = new PriorityQueue<>();

    GroundTruth(long maxLateness, long sessionGap) {
        this.maxLateness = maxLateness;
        this.sessionGap = sessionGap;
    }

    /** Counts one emitted click. */
    void observe(Click click) {
        String page = RequestLine.pageOf(click.request());
        long t = click.eventTime();
        long windowStart = t - Math.floorMod(t, WINDOW_MILLIS);
        windows.computeIfAbsent(windowStart, k -> new HashMap<>()).computeIfAbsent(page, k -> new long[1])[0]++;
        if (!click.isAnonymous()) {
            addToSession(click.userId(), t, page);
        }
    }

    /** Publishes every result that became final now that the emission frontier reached {@code frontier}. */
    void advance(long frontier, Consumer<Object> publish) {
        long safeEventTime = frontier - maxLateness;
        while (!windows.isEmpty() && windows.firstKey() + WINDOW_MILLIS <= safeEventTime) {
            publishWindow(windows.pollFirstEntry(), publish);
        }
        while (!sessionDeadlines.isEmpty() && sessionDeadlines.peek().end() + sessionGap < safeEventTime) {
            Deadline due = sessionDeadlines.poll();
            OpenSession session = due.session();
            if (session.gone) {
                continue;
            }
            if (session.end != due.end() || session.start != due.start()) {
                sessionDeadlines.add(session.deadline());
                continue;
            }
            close(session, publish);
        }
    }

    /** End of a bounded run: everything still open is final, since nothing more will be emitted. */
    void flush(Consumer<Object> publish) {
        while (!windows.isEmpty()) {
            publishWindow(windows.pollFirstEntry(), publish);
        }
        List<OpenSession> open = new ArrayList<>();
        sessions.values().forEach(byStart -> open.addAll(byStart.values()));
        open.sort(Comparator.comparingLong((OpenSession s) -> s.end).thenComparingInt(s -> s.userId)
                .thenComparingLong(s -> s.start));
        open.forEach(session -> close(session, publish));
        sessionDeadlines.clear();
    }

    private void publishWindow(Map.Entry<Long, Map<String, long[]>> window, Consumer<Object> publish) {
        List<String> pages = new ArrayList<>(window.getValue().keySet());
        pages.sort(Comparator.naturalOrder());
        long start = window.getKey();
        for (String page : pages) {
            publish.accept(new PageViewsWindow(page, start, start + WINDOW_MILLIS, window.getValue().get(page)[0]));
        }
    }

    private void addToSession(int userId, long t, String page) {
        TreeMap<Long, OpenSession> open = sessions.computeIfAbsent(userId, k -> new TreeMap<>());
        Map.Entry<Long, OpenSession> floor = open.floorEntry(t);
        Map.Entry<Long, OpenSession> higher = open.higherEntry(t);
        OpenSession before = floor != null && t - floor.getValue().end <= sessionGap ? floor.getValue() : null;
        OpenSession after = higher != null && higher.getValue().start - t <= sessionGap ? higher.getValue() : null;
        if (before == null && after == null) {
            OpenSession created = new OpenSession(userId, t, page);
            open.put(t, created);
            sessionDeadlines.add(created.deadline());
            return;
        }
        OpenSession survivor = before != null ? before : after;
        open.remove(survivor.start);
        if (before != null && after != null) {
            // The click bridges two sessions: they become one.
            open.remove(after.start);
            after.gone = true;
            survivor.absorb(after);
        }
        survivor.add(t, page);
        open.put(survivor.start, survivor);
    }

    private void close(OpenSession session, Consumer<Object> publish) {
        session.gone = true;
        TreeMap<Long, OpenSession> open = sessions.get(session.userId);
        open.remove(session.start);
        if (open.isEmpty()) {
            sessions.remove(session.userId);
        }
        publish.accept(new SessionSummary(session.userId, session.start, session.end, session.events,
                session.pages.size(), session.entryPage, session.exitPage, session.events == 1));
    }

    private record Deadline(long end, int userId, long start, OpenSession session) implements Comparable<Deadline> {
        @Override
        public int compareTo(Deadline other) {
            int c = Long.compare(end, other.end);
            if (c == 0) {
                c = Integer.compare(userId, other.userId);
            }
            return c != 0 ? c : Long.compare(start, other.start);
        }
    }

    /** A session being built. */
    private static final class OpenSession {
        final int userId;
        long start;
        long end;
        long events;
        final Set<String> pages = new HashSet<>();
        String entryPage;
        String exitPage;
        /** Published, or absorbed into another session. */
        boolean gone;

        OpenSession(int userId, long t, String page) {
            this.userId = userId;
            this.start = t;
            this.end = t;
            this.events = 1;
            this.pages.add(page);
            this.entryPage = page;
            this.exitPage = page;
        }

        Deadline deadline() {
            return new Deadline(end, userId, start, this);
        }

        void add(long t, String page) {
            events++;
            pages.add(page);
            // A user's clicks have distinct event times, so first and last are well defined.
            if (t < start) {
                start = t;
                entryPage = page;
            }
            if (t > end) {
                end = t;
                exitPage = page;
            }
        }

        void absorb(OpenSession other) {
            events += other.events;
            pages.addAll(other.pages);
            if (other.end > end) {
                end = other.end;
                exitPage = other.exitPage;
            }
            if (other.start < start) {
                start = other.start;
                entryPage = other.entryPage;
            }
        }
    }
}
