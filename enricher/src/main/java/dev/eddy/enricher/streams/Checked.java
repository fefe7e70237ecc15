package dev.eddy.enricher.streams;

/**
 * The outcome of checking one input record: its decoded value, or a rejection bound for the dead-letter topic. Both
 * keep the original payload bytes, so a record rejected by a later check still leaves byte for byte (its original key
 * stays the record key, and the reasons travel as headers).
 */
public sealed interface Checked<T> {

    byte[] originalValue();

    /** @param value the decoded value; {@code null} for a tombstone on a compacted topic */
    record Accepted<T>(T value, byte[] originalValue) implements Checked<T> {
    }

    record Rejected<T>(byte[] originalValue) implements Checked<T> {
    }

    static boolean isRejected(Checked<?> checked) {
        return checked instanceof Rejected<?>;
    }

    /** The decoded value of an accepted record. */
    static <T> T value(Checked<T> checked) {
        return ((Accepted<T>) checked).value();
    }
}
