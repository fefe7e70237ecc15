package dev.eddy.events;

import static dev.eddy.events.EventFormatException.Kind.INVALID_VALUE;
import static dev.eddy.events.EventFormatException.Kind.MISSING_FIELD;

/** Field checks used by the records' compact constructors; each failure names the JSON field. */
final class Validation {

    private Validation() {
    }

    static String requireText(String value, String field) {
        if (value == null) {
            throw new EventFormatException(MISSING_FIELD, field, "is required");
        }
        if (value.isBlank()) {
            throw new EventFormatException(INVALID_VALUE, field, "must not be blank");
        }
        return value;
    }

    static long requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new EventFormatException(INVALID_VALUE, field, "must be >= 0, was " + value);
        }
        return value;
    }

    static long requirePositive(long value, String field) {
        if (value <= 0) {
            throw new EventFormatException(INVALID_VALUE, field, "must be > 0, was " + value);
        }
        return value;
    }

    static int requireRange(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new EventFormatException(INVALID_VALUE, field,
                    "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static void requireOrdered(long start, long end, String startField, String endField) {
        if (end < start) {
            throw new EventFormatException(INVALID_VALUE, endField,
                    "must not be before " + startField + " (" + end + " < " + start + ")");
        }
    }
}
