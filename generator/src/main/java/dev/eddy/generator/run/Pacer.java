package dev.eddy.generator.run;

/**
 * Maps simulated time to the wall clock for real-time pacing: from an anchor (a simulated instant and the wall time
 * it corresponds to) one simulated millisecond takes one real millisecond. Re-anchoring on every (re)start means a
 * pause holds the simulated clock, so a resumed run continues without a burst.
 */
final class Pacer {

    private long anchorSimMillis;
    private long anchorNanos;

    void anchor(long simulatedMillis, long nowNanos) {
        this.anchorSimMillis = simulatedMillis;
        this.anchorNanos = nowNanos;
    }

    /** Nanoseconds to wait before sending a record emitted at {@code emittedAt}; 0 or less means now. */
    long nanosUntil(long emittedAt, long nowNanos) {
        long due = anchorNanos + (emittedAt - anchorSimMillis) * 1_000_000L;
        return due - nowNanos;
    }
}
