package dev.eddy.lake.rolling;

import dev.eddy.lake.naming.HourPartition;

/**
 * What the roll rules know about an open file: how many records and input bytes it holds, its event-time range and
 * its hour partition. Immutable; {@link #plus} gives the extent after one more record.
 */
public record FileExtent(long records, long bytes, long minEventTime, long maxEventTime, HourPartition partition) {

    public static FileExtent first(long valueBytes, long eventTime) {
        return new FileExtent(1, valueBytes, eventTime, eventTime, HourPartition.of(eventTime));
    }

    public FileExtent plus(long valueBytes, long eventTime) {
        return new FileExtent(records + 1, bytes + valueBytes, Math.min(minEventTime, eventTime),
                Math.max(maxEventTime, eventTime), partition);
    }
}
