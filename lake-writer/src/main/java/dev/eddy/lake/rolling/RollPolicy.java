package dev.eddy.lake.rolling;

import dev.eddy.lake.config.WriterSettings.RollLimits;

import java.util.Optional;

/**
 * Decides, before a record is appended, whether the open file must be closed first. A pure function of the file's
 * extent and the record, so the same record sequence always cuts at the same offsets.
 */
public final class RollPolicy {

    private final RollLimits limits;

    public RollPolicy(RollLimits limits) {
        this.limits = limits;
    }

    /** The reason to close {@code open} before appending a record of {@code valueBytes} at {@code eventTime}. */
    public Optional<RollReason> beforeAppend(FileExtent open, long valueBytes, long eventTime) {
        if (!open.partition().contains(eventTime)) {
            return Optional.of(RollReason.HOUR);
        }
        if (open.records() >= limits.maxRecords()) {
            return Optional.of(RollReason.RECORDS);
        }
        if (open.bytes() + valueBytes > limits.maxBytes()) {
            return Optional.of(RollReason.BYTES);
        }
        long span = Math.max(open.maxEventTime(), eventTime) - Math.min(open.minEventTime(), eventTime);
        if (span >= limits.maxSpan().toMillis()) {
            return Optional.of(RollReason.SPAN);
        }
        return Optional.empty();
    }
}
