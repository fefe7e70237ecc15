package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.JsonCodec;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks one user record whose key arrives as raw bytes and whose value {@link DecodingDeserializer} has already
 * decoded (or failed to decode) when it was read ({@link InputChecks}, then the validator). A good record goes on as
 * {@link Checked.Accepted}; a bad one as {@link Checked.Rejected} carrying its original value, with its original key
 * and the {@link dev.eddy.events.DeadLetterHeaders} added to its headers, ready for the dead-letter topic. (Clicks are
 * checked by {@link ClickEnricher}, which also enriches them, in one processor.)
 *
 * <p>Decoding here rather than in a Kafka {@code Deserializer} is what keeps dead letters exactly once: the rejected
 * record flows to the dead-letter sink of the same topology, so under {@code exactly_once_v2} it is written in the
 * same transaction as the input offsets it came from. (Kafka Streams 4.1's deserialization handlers can only say
 * continue or fail; a record they wrote elsewhere would be outside the transaction.)
 */
final class InputDecoder<T> implements FixedKeyProcessor<byte[], Decoded<T>, Checked<T>> {

    /** Checks a decoded value against its key and anything else the contract cannot check alone. */
    @FunctionalInterface
    interface Validator<T> {
        /** @throws RuntimeException (usually {@link RejectedInputException}) when the record cannot be used */
        void check(byte[] key, T value);
    }

    private final InputChecks<T> checks;
    private final Validator<T> validator;
    private final EnricherMetrics metrics;
    private FixedKeyProcessorContext<byte[], Checked<T>> context;

    /**
     * @param maxRecordBytes    the largest value accepted; a larger one is dead-lettered before it is parsed
     * @param tombstonesAllowed whether a null value is a deletion (compacted tables) rather than bad input
     */
    InputDecoder(JsonCodec<T> codec, int maxRecordBytes, boolean tombstonesAllowed, Validator<T> validator,
                 EnricherMetrics metrics) {
        this.checks = new InputChecks<>(codec.type(), maxRecordBytes, tombstonesAllowed);
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
        InputChecks.Problem problem = checks.problem(record.key(), record.value());
        if (problem != null) {
            reject(record, problem.stage(), problem.error());
            return;
        }
        T value = record.value().value();
        try {
            validator.check(record.key(), value);
        } catch (RuntimeException e) {
            reject(record, InputChecks.STAGE_VALIDATE, e);
            return;
        }
        context.forward(record.withValue(new Checked.Accepted<>(value, record.value().payload())));
    }

    private void reject(FixedKeyRecord<byte[], Decoded<T>> record, String stage, RuntimeException error) {
        context.forward(Rejections.reject(record, record.value().payload(), context.recordMetadata(), stage, error,
                metrics));
    }
}
