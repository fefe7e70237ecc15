package dev.eddy.enricher.streams;

import dev.eddy.events.Click;
import dev.eddy.events.EventFormatException;

import java.time.Instant;

/**
 * The event-time bounds of {@link ClickLimits}, applied to every click: not before the earliest event time, not more
 * than the future skew ahead of this machine's clock.
 *
 * <p>The clock is read only when an event time lies beyond the latest bound read so far. Every click is checked twice
 * (its timestamp, then the click itself) and a clock read each time was about 2 % of a stream thread's work, while a
 * live click is minutes below the bound. A bound read earlier is never later than the one the clock would give now,
 * so no click is accepted that a fresh read would refuse. The one exception is a clock set back: until it catches up
 * again, the bound stays where it was, later by the step.
 *
 * <p>Thread-safe: one instance may serve every stream thread (the timestamp extractor is shared).
 */
final class EventTimeBounds {

    private final ClickLimits limits;
    private final long earliestEventTime;
    private final long maxFutureSkewMillis;
    /** The wall clock plus the skew, as last read; every event time up to it is accepted without a read. */
    private volatile long latestKnownBound = Long.MIN_VALUE;

    EventTimeBounds(ClickLimits limits) {
        this.limits = limits;
        this.earliestEventTime = limits.earliestEventTime().toEpochMilli();
        this.maxFutureSkewMillis = limits.maxFutureSkew().toMillis();
    }

    /** Whether an event time read from a payload may serve as the record's timestamp (see {@link ClickTimeExtractor}). */
    boolean plausible(long eventTime) {
        return eventTime >= earliestEventTime && notTooFarAhead(eventTime);
    }

    /** Whether an event time is at most the future skew ahead of the clock. */
    boolean notTooFarAhead(long eventTime) {
        if (eventTime <= latestKnownBound) {
            return true;
        }
        long bound = limits.wallClock().getAsLong() + maxFutureSkewMillis;
        latestKnownBound = bound;
        return eventTime <= bound;
    }

    /** @throws EventFormatException naming {@code _time} when the click's event time is out of bounds */
    void check(Click click) {
        long eventTime = click.eventTime();
        if (eventTime < earliestEventTime) {
            throw new EventFormatException(EventFormatException.Kind.INVALID_VALUE, "_time", eventTime + " ("
                    + Instant.ofEpochMilli(eventTime) + ") is before eddy.enricher.earliest-event-time ("
                    + limits.earliestEventTime() + ")");
        }
        if (!notTooFarAhead(eventTime)) {
            throw new EventFormatException(EventFormatException.Kind.INVALID_VALUE, "_time", eventTime + " ("
                    + Instant.ofEpochMilli(eventTime) + ") is more than eddy.enricher.max-future-skew ("
                    + limits.maxFutureSkew() + ") ahead of this machine's clock");
        }
    }
}
