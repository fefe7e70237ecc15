package dev.eddy.enricher.streams;

/**
 * The outcome of decoding one input record: the decoded value, or the original payload bytes of a record that goes to
 * the dead-letter topic (its original key stays the record key, and the reasons travel as headers).
 */
public sealed interface Checked<T> {

    record Accepted<T>(T value) implements Checked<T> {
    }

    record Rejected<T>(byte[] originalValue) implements Checked<T> {
    }

    static boolean isRejected(Checked<?> checked) {
        return checked instanceof Rejected<?>;
    }

    /** The decoded value; {@code null} for a tombstone. Only for accepted records. */
    static <T> T value(Checked<T> checked) {
        return ((Accepted<T>) checked).value();
    }

    static byte[] originalValue(Checked<?> checked) {
        return ((Rejected<?>) checked).originalValue();
    }
}
