package dev.eddy.lake.rolling;

import java.util.Locale;

/** Why a file was closed; labels the files-committed metric. */
public enum RollReason {
    /** The file holds {@code roll.max-records} records. */
    RECORDS,
    /** The next record would push the file's input bytes past {@code roll.max-bytes}. */
    BYTES,
    /** The next record would widen the file's event-time range to {@code roll.max-span} or more. */
    SPAN,
    /** The next record belongs to another {@code dt=}/{@code hr=} partition. */
    HOUR,
    /** No record arrived for the partition during {@code idle-flush}. */
    IDLE,
    /** The buffered rows of all open files passed {@code max-buffered-bytes}; the largest file went first. */
    MEMORY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
