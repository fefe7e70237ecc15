package dev.eddy.aggregator.streams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * When to look at each user's open sessions again, ordered by that time, so that the {@link SessionTracker} finds the
 * sessions to close without scanning its store. A user's entry may be earlier than their sessions' true close time
 * (a click moves the close time later, and the schedule is not touched for that): the tracker checks the sessions
 * when the entry comes due and schedules the true time then. So a click costs no reordering, and each open user
 * costs one reordering per gap + grace of stream time. Kept in memory only: it is derived from the open-sessions
 * store and rebuilt from it whenever a task starts.
 */
final class CloseSchedule {

    private record Due(long time, String user) {
    }

    private static final Comparator<Due> BY_TIME = Comparator.comparingLong(Due::time).thenComparing(Due::user);

    private final TreeSet<Due> byTime = new TreeSet<>(BY_TIME);
    private final Map<String, Long> timeByUser = new HashMap<>();

    /** Sets (or, with {@link Long#MAX_VALUE}, clears) when the user comes due. */
    void set(String user, long time) {
        Long previous = time == Long.MAX_VALUE ? timeByUser.remove(user) : timeByUser.put(user, time);
        if (previous != null) {
            if (previous == time) {
                return;
            }
            byTime.remove(new Due(previous, user));
        }
        if (time != Long.MAX_VALUE) {
            byTime.add(new Due(time, user));
        }
    }

    /** Makes sure the user comes due at {@code time} or earlier. */
    void noLaterThan(String user, long time) {
        Long current = timeByUser.get(user);
        if (current == null || current > time) {
            set(user, time);
        }
    }

    /** Removes and returns the users with a session closing before {@code time}, earliest first. */
    List<String> takeDueBefore(long time) {
        List<String> due = new ArrayList<>();
        while (!byTime.isEmpty() && byTime.first().time() < time) {
            Due first = byTime.pollFirst();
            timeByUser.remove(first.user());
            due.add(first.user());
        }
        return due;
    }

    void clear() {
        byTime.clear();
        timeByUser.clear();
    }
}
