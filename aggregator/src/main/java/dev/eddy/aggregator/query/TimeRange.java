package dev.eddy.aggregator.query;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A closed range of event time [from, to] in epoch milliseconds, read from request parameters given as epoch
 * milliseconds or ISO-8601 instants. Missing, malformed, inverted and too-wide ranges are refused, so no request scans
 * a store without bound.
 */
public record TimeRange(long from, long to) {

    public static TimeRange parse(String from, String to, Duration maxRange) {
        long start = QueryParams.instant("from", from);
        long end = QueryParams.instant("to", to);
        if (end < start) {
            throw new BadQueryException("'to' (" + Instant.ofEpochMilli(end) + ") must not be before 'from' ("
                    + Instant.ofEpochMilli(start) + ")");
        }
        if (end - start > maxRange.toMillis()) {
            throw new BadQueryException("range from " + Instant.ofEpochMilli(start) + " to " + Instant.ofEpochMilli(end)
                    + " is " + Duration.ofMillis(end - start) + ", wider than the limit of " + maxRange);
        }
        return new TimeRange(start, end);
    }

    /** The last millisecond of year 9999: later instants are refused, so range arithmetic cannot overflow. */
    private static final long LATEST = 253_402_300_799_999L;

    static long parseInstant(String name, String text) {
        String value = text.strip();
        long millis;
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() <= 15) {
            millis = Long.parseLong(value);
        } else {
            try {
                millis = Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new BadQueryException("'" + name + "' must be epoch milliseconds or an ISO-8601 instant such as "
                        + "2026-01-01T10:00:00Z, was '" + QueryParams.abbreviate(text) + "'");
            }
        }
        if (millis < 0 || millis > LATEST) {
            throw new BadQueryException("'" + name + "' must be between 1970-01-01T00:00:00Z and "
                    + "9999-12-31T23:59:59.999Z, was '" + QueryParams.abbreviate(text) + "'");
        }
        return millis;
    }
}
