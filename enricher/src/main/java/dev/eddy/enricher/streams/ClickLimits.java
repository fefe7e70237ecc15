package dev.eddy.enricher.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Bounds a click must respect before it may enter the pipeline, beyond what its contract checks. Each protects the
 * stages downstream from one well-formed but poisonous record:
 * <ul>
 *   <li>an event time far in the future would move stream time ahead by years, close every window at once and make
 *       every later click late;</li>
 *   <li>an event time before {@code earliestEventTime} (say, 1970) is a broken clock, not history;</li>
 *   <li>a payload larger than {@code maxRecordBytes} would make the enriched record exceed what the broker accepts,
 *       and a record the producer cannot send stops the stream thread.</li>
 * </ul>
 * Applied per click by {@link EventTimeBounds} (time) and {@link InputChecks} (size).
 *
 * @param maxFutureSkew     how far ahead of this machine's clock an event time may be
 * @param earliestEventTime the earliest event time accepted
 * @param maxRecordBytes    the largest click payload accepted, in bytes
 * @param wallClock         epoch millis now (the system clock outside tests)
 */
public record ClickLimits(Duration maxFutureSkew, Instant earliestEventTime, int maxRecordBytes,
                          LongSupplier wallClock) {

    /** The shipped defaults (also those of application.properties): 5 minutes, 2000-01-01, 256 KiB. */
    public static final ClickLimits DEFAULTS = new ClickLimits(Duration.ofMinutes(5),
            Instant.parse("2000-01-01T00:00:00Z"), 256 * 1024, System::currentTimeMillis);
}
