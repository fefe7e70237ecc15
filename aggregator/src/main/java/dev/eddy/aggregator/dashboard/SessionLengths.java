package dev.eddy.aggregator.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Sessions seen in the dashboard's history: how many are still active (their last click within the inactivity gap of
 * now), and how long they lasted (first to last click) in fixed buckets. Partial results of different partitions
 * merge by adding, so the fan-out needs no second pass.
 */
public record SessionLengths(long active, long sessions, List<Bucket> lengths) {

    /** Upper bounds (exclusive) of the length buckets in ms; a single-click session (length 0) has its own bucket. */
    static final long[] BOUNDS = {1, 60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, Long.MAX_VALUE};
    static final String[] LABELS = {"single click", "< 1 min", "1-5 min", "5-15 min", "15-30 min", ">= 30 min"};

    public record Bucket(String label, long count) {
    }

    public static SessionLengths empty() {
        List<Bucket> buckets = new ArrayList<>();
        for (String label : LABELS) {
            buckets.add(new Bucket(label, 0));
        }
        return new SessionLengths(0, 0, List.copyOf(buckets));
    }

    /** Adds one session with the given first and last click times, active when it ended at or after activeSince. */
    public SessionLengths plus(long start, long end, long activeSince) {
        long length = Math.max(0, end - start);
        List<Bucket> buckets = new ArrayList<>(lengths);
        for (int i = 0; i < BOUNDS.length; i++) {
            if (length < BOUNDS[i]) {
                buckets.set(i, new Bucket(LABELS[i], buckets.get(i).count() + 1));
                break;
            }
        }
        return new SessionLengths(active + (end >= activeSince ? 1 : 0), sessions + 1, List.copyOf(buckets));
    }

    public SessionLengths merge(SessionLengths other) {
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < LABELS.length; i++) {
            buckets.add(new Bucket(LABELS[i], lengths.get(i).count() + other.lengths.get(i).count()));
        }
        return new SessionLengths(active + other.active, sessions + other.sessions, List.copyOf(buckets));
    }
}
