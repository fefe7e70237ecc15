package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.StatusCode;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The status-code reference entries one processor has read from the global table, each read again once it is
 * {@value #REFRESH_MS} ms old (wall clock). Nearly every click has one of a handful of codes, and reading the table
 * for each (encoding the key, a lookup under the store's lock, copying the value out, comparing it with the decoded
 * entry) was about 6 % of the stream threads' samples.
 *
 * <p>What that changes: a new or changed entry reaches clicks up to {@value #REFRESH_MS} ms after the global thread
 * has stored it. The table's updates were never ordered with the clicks (Kafka Streams applies a {@code GlobalKTable}
 * on its own thread, whenever it reads the topic), so the join promises "soon", now bounded by that second too.
 *
 * <p>Not thread-safe: one per processor, used by its stream thread only (as {@link ClickJoin} holds it).
 */
final class RecentStatusCodes {

    /** How long an entry read from the table is used before it is read again. */
    static final long REFRESH_MS = 1_000;
    /** Status codes a click can have: the contract's {@code Click} refuses any other than 100-599. */
    private static final int CODES = 600;
    private static final long NEVER = Long.MIN_VALUE;
    /** The table's keys for those codes, made once. */
    private static final String[] KEYS = new String[CODES];

    static {
        for (int status = 100; status < CODES; status++) {
            KEYS[status] = Integer.toString(status);
        }
    }

    private final TimestampedKeyValueStore<String, byte[]> table;
    private final StatusDefinitions definitions;
    private final EnricherMetrics metrics;
    private final LongSupplier wallClockMs;
    /** Per code: the entry last read, whether it was unreadable, and when it was read. */
    private final StatusCode[] entries = new StatusCode[CODES];
    private final boolean[] unreadable = new boolean[CODES];
    private final long[] readAtMs = new long[CODES];

    /**
     * @param wallClockMs the stream thread's wall clock (Kafka Streams reads it once per loop, not per record)
     */
    RecentStatusCodes(TimestampedKeyValueStore<String, byte[]> table, StatusDefinitions definitions,
                      EnricherMetrics metrics, LongSupplier wallClockMs) {
        this.table = table;
        this.definitions = definitions;
        this.metrics = metrics;
        this.wallClockMs = wallClockMs;
        Arrays.fill(readAtMs, NEVER);
    }

    /**
     * The reference entry for {@code status}, or {@code null} when the table has none or it is unreadable (counted in
     * {@code eddy_enricher_status_definitions_unreadable_total} for every click that finds it).
     */
    StatusCode lookup(int status) {
        long now = wallClockMs.getAsLong();
        long readAt = readAtMs[status];
        // Read within the last second (never read: NEVER; a clock set back makes every entry stale).
        if (readAt != NEVER && now >= readAt && now - readAt < REFRESH_MS) {
            if (unreadable[status]) {
                metrics.unreadableStatusDefinition();
            }
            return entries[status];
        }
        byte[] raw = raw(KEYS[status]);
        StatusCode entry = definitions.lookup(status, raw);     // counts this click when the entry is unreadable
        entries[status] = entry;
        unreadable[status] = raw != null && entry == null;
        readAtMs[status] = now;
        return entry;
    }

    /** The table's bytes for a key, {@code null} when it has none. */
    private byte[] raw(String key) {
        ValueAndTimestamp<byte[]> entry = table.get(key);
        return entry == null ? null : entry.value();
    }
}
