package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.EventFormatException;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;
import dev.eddy.events.StatusCode;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes the status-code reference entries the click join finds in the raw-bytes {@code GlobalKTable}. An entry that
 * does not decode (a bad record already in the topic when the enricher started, loaded without deserialisation) counts
 * as no entry: the click is enriched with the standard reason phrase or {@code null}, never failed or dropped, and
 * each such lookup is counted in {@code eddy_enricher_status_definitions_unreadable_total}.
 *
 * <p>Decoded entries are remembered per code together with their bytes, so a click costs a byte comparison instead of
 * a JSON parse; a changed entry has different bytes and is decoded again. At most one entry per status code (100-599).
 * Shared by the stream threads, hence the concurrent map.
 */
final class StatusDefinitions {

    private static final Logger LOG = Logger.getLogger(StatusDefinitions.class);
    private static final JsonCodec<StatusCode> CODEC = EventSerdes.statusCode().codec();

    /** One decoded entry: its bytes and what they decode to ({@code null}: unreadable). */
    private record Entry(byte[] raw, StatusCode statusCode) {
    }

    private final Map<Integer, Entry> byCode = new ConcurrentHashMap<>();
    private final EnricherMetrics metrics;

    StatusDefinitions(EnricherMetrics metrics) {
        this.metrics = metrics;
    }

    /** The entry for {@code status}, from the table's bytes ({@code null}: no entry), or {@code null} if unreadable. */
    StatusCode lookup(int status, byte[] raw) {
        if (raw == null) {
            return null;
        }
        Entry entry = byCode.get(status);
        if (entry == null || !Arrays.equals(entry.raw(), raw)) {
            entry = new Entry(raw, decode(status, raw));
            byCode.put(status, entry);
        }
        if (entry.statusCode() == null) {
            metrics.unreadableStatusDefinition();
        }
        return entry.statusCode();
    }

    private static StatusCode decode(int status, byte[] raw) {
        try {
            return CODEC.decode(raw);
        } catch (RuntimeException e) {
            // Logged once per distinct bad entry (it is remembered), not once per click.
            String why = e instanceof EventFormatException invalid ? invalid.field() + ": " + invalid.reason()
                    : e.toString();
            LOG.warnf("status-code entry %d in %s is unreadable (%s); clicks with that status get the standard"
                    + " reason phrase", status, EnricherTopology.STATUS_CODES_STORE, why);
            return null;
        }
    }
}
