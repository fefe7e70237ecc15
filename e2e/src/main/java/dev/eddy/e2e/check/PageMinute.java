package dev.eddy.e2e.check;

/** One page in one tumbling minute, the key of a page-views count. */
public record PageMinute(String page, long windowStart) implements Comparable<PageMinute> {

    @Override
    public int compareTo(PageMinute other) {
        int byPage = page.compareTo(other.page);
        return byPage != 0 ? byPage : Long.compare(windowStart, other.windowStart);
    }
}
