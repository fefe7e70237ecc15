package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.EventFormatException;
import dev.eddy.events.JsonCodec;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks one input record whose key arrives as raw bytes and whose value {@link DecodingDeserializer} has already
 * decoded (or failed to decode) when it was read. A good record goes on as
 * {@link Checked.Accepted}; a bad one as {@link Checked.Rejected} carrying its original value, with its original key
 * and the {@link DeadLetterHeaders} added to its headers, ready for the dead-letter topic.
 *
 * <p>Decoding here rather than in a Kafka {@code Deserializer} is what keeps dead letters exactly once: the rejected
 * record flows to the dead-letter sink of the same topology, so under {@code exactly_once_v2} it is written in the
 * same transaction as the input offsets it came from. (Kafka Streams 4.1's deserialization handlers can only say
 * continue or fail; a record they wrote elsewhere would be outside the transaction.)
 */
final class InputDecoder<T> implements FixedKeyProcessor<byte[], Decoded<T>, Checked<T>> {

    static final String STAGE_DECODE = "enricher.decode";
    static final String STAGE_VALIDATE = "enricher.validate";

    /** Checks a decoded value against its key and anything else the contract cannot check alone. */
    @FunctionalInterface
    interface Validator<T> {
        /** @throws RuntimeException (usually {@link RejectedInputException}) when the record cannot be used */
        void check(byte[] key, T value);
    }

    private final JsonCodec<T> codec;
    private final int maxRecordBytes;
    private final boolean tombstonesAllowed;
    private final Validator<T> validator;
    private final EnricherMetrics metrics;
    private FixedKeyProcessorContext<byte[], Checked<T>> context;

    /**
     * @param maxRecordBytes    the largest value accepted; a larger one is dead-lettered before it is parsed
     * @param tombstonesAllowed whether a null value is a deletion (compacted tables) rather than bad input
     */
    InputDecoder(JsonCodec<T> codec, int maxRecordBytes, boolean tombstonesAllowed, Validator<T> validator,
                 EnricherMetrics metrics) {
        this.codec = codec;
        this.maxRecordBytes = maxRecordBytes;
        this.tombstonesAllowed = tombstonesAllowed;
        this.validator = validator;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Checked<T>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], Decoded<T>> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        metrics.recordIn(topic);
        byte[] payload = record.value().payload();
        if (record.key() == null) {
            reject(record, STAGE_VALIDATE, new RejectedInputException(RejectedInputException.NULL_KEY,
                    "key: a " + codec.type().getSimpleName() + " record needs its user id as key"));
            return;
        }
        if (payload != null && payload.length > maxRecordBytes) {
            reject(record, STAGE_VALIDATE, new RejectedInputException(RejectedInputException.TOO_LARGE, "value: "
                    + payload.length + " bytes, more than eddy.enricher.max-record-bytes (" + maxRecordBytes
                    + ")"));
            return;
        }
        T value;
        if (payload == null) {
            if (!tombstonesAllowed) {
                // The codec's own wording for a missing payload (JsonCodec#decode).
                reject(record, STAGE_DECODE,
                        new EventFormatException(EventFormatException.Kind.EMPTY, "$", "payload is empty"));
                return;
            }
            value = null;
        } else if (record.value().failure() != null) {
            reject(record, STAGE_DECODE, record.value().failure());
            return;
        } else {
            value = record.value().value();
        }
        try {
            validator.check(record.key(), value);
        } catch (RuntimeException e) {
            reject(record, STAGE_VALIDATE, e);
            return;
        }
        context.forward(record.withValue(new Checked.Accepted<>(value, payload)));
    }

    private void reject(FixedKeyRecord<byte[], Decoded<T>> record, String stage, RuntimeException error) {
        context.forward(Rejections.reject(record, record.value().payload(), context.recordMetadata(), stage, error,
                metrics));
    }
}
