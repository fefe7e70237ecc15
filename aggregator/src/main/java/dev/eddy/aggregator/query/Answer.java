package dev.eddy.aggregator.query;

/**
 * The result of a query: either a value computed here or the JSON body another instance sent back. {@code stale}
 * says it was read from a copy that may lag (a standby, or a task still restoring); {@code servedBy} names the
 * instance ({@code host:port}) that read the store.
 */
public record Answer(Object value, String json, boolean stale, String servedBy) {

    public static Answer local(Object value, boolean stale, String servedBy) {
        return new Answer(value, null, stale, servedBy);
    }

    public static Answer forwarded(String json, boolean stale, String servedBy) {
        return new Answer(null, json, stale, servedBy);
    }
}
