package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;
import org.apache.kafka.streams.kstream.TimeWindows;

import java.util.function.Function;

/**
 * One window type whose key is not the input's key (page, status, city and level): how to key a click, its windows,
 * and the pane the input tasks pre-aggregate in. A pane is the greatest common divisor of window size and advance,
 * so every pane lies wholly inside or wholly outside each window, and a pane's count adds to every window containing
 * its start.
 *
 * @param store       name of the queryable window store (and of the late-record label)
 * @param repartition name of the repartition step from the input tasks to the store's tasks
 * @param windows     the windows (size, advance, grace)
 * @param keyOf       the click's key in this dimension
 * @param keepsUsers  whether partials carry distinct user ids, city and level (segments)
 */
record Dimension(String store, String repartition, TimeWindows windows, Function<EnrichedClick, String> keyOf,
                 boolean keepsUsers) {

    long paneSize() {
        return gcd(windows.size(), windows.advanceMs);
    }

    long paneStart(long timestamp) {
        long pane = paneSize();
        return Math.floorDiv(timestamp, pane) * pane;
    }

    long grace() {
        return windows.gracePeriodMs();
    }

    LateArrivalRule lateArrivalRule() {
        return LateArrivalRule.forTimeWindows(windows);
    }

    /** Name of the input tasks' store of partials not yet sent. */
    String pendingStore() {
        return store + "-pending";
    }

    /** Name of the store tasks' store of watermarks per input partition. */
    String watermarkStore() {
        return store + "-watermarks";
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
