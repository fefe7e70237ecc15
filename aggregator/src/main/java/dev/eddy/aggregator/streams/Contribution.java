package dev.eddy.aggregator.streams;

import java.util.Arrays;

/**
 * What an input task sends to a repartitioned aggregation (pages, statuses, segments) instead of every click: either a
 * <b>partial</b> (the clicks of one key in one pane of time that this task accepted since its last flush: their
 * count and, for segments, their distinct known users, city and level) or a <b>watermark</b> (input partition
 * {@code upstream} will send nothing more for windows ending at or before {@code time}). A downstream task closes a
 * window once every input partition's watermark has passed its end.
 *
 * @param watermark whether this is a watermark (else a partial)
 * @param upstream  the input partition that sent a watermark (unused in partials)
 * @param time      a partial's pane start, or a watermark's time
 * @param events    clicks in a partial
 * @param users     distinct known user ids of a segment partial (empty otherwise)
 */
public record Contribution(boolean watermark, int upstream, long time, long events, int[] users, String city,
                           String level) {

    private static final int[] NO_USERS = new int[0];

    public static Contribution partial(long paneStart, long events, int[] users, String city, String level) {
        return new Contribution(false, -1, paneStart, events, users == null ? NO_USERS : users, city, level);
    }

    public static Contribution watermark(int upstream, long time) {
        return new Contribution(true, upstream, time, 0, NO_USERS, null, null);
    }

    /** This partial plus one more click (of user {@code userId} when the dimension keeps users, else -1). */
    Contribution plusOne(int userId) {
        int[] more = users;
        if (userId >= 0 && Arrays.binarySearch(users, userId) < 0) {
            more = Arrays.copyOf(users, users.length + 1);
            more[users.length] = userId;
            Arrays.sort(more);
        }
        return new Contribution(false, -1, time, events + 1, more, city, level);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contribution that && watermark == that.watermark && upstream == that.upstream
                && time == that.time && events == that.events && Arrays.equals(users, that.users)
                && java.util.Objects.equals(city, that.city) && java.util.Objects.equals(level, that.level);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(watermark, upstream, time, events, Arrays.hashCode(users), city, level);
    }

    @Override
    public String toString() {
        return watermark ? "Watermark[upstream=" + upstream + ", time=" + time + "]"
                : "Partial[pane=" + time + ", events=" + events + ", users=" + users.length + ", city=" + city
                + ", level=" + level + "]";
    }
}
