package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

import java.util.Optional;

/** Turns a record that failed a check into its dead letter: original key and value, the dead-letter headers added. */
final class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class);

    private Rejections() {
    }

    /**
     * The rejected record: same key, original value bytes, the input's headers plus {@link DeadLetterHeaders}
     * (a copy: the original headers stay as they came). Counts it in {@code eddy_enricher_dead_letters_total}.
     */
    static <T> FixedKeyRecord<byte[], Checked<T>> reject(FixedKeyRecord<byte[], ?> record, byte[] originalValue,
                                                         Optional<RecordMetadata> source, String stage,
                                                         RuntimeException error, EnricherMetrics metrics) {
        Headers headers = deadLetterHeaders(record.headers(), source, stage, error, metrics);
        return record.withValue((Checked<T>) new Checked.Rejected<T>(originalValue)).withHeaders(headers);
    }

    /**
     * The rejected record for the dead-letter sink: its key, its original value bytes, its headers plus
     * {@link DeadLetterHeaders}. Counts it in {@code eddy_enricher_dead_letters_total}.
     */
    static Record<byte[], byte[]> reject(Record<byte[], ?> record, byte[] originalValue,
                                         Optional<RecordMetadata> source, String stage, RuntimeException error,
                                         EnricherMetrics metrics) {
        Headers headers = deadLetterHeaders(record.headers(), source, stage, error, metrics);
        return record.withValue(originalValue).withHeaders(headers);
    }

    /** A copy of {@code original} with the dead-letter headers added; counts and logs the dead letter. */
    private static Headers deadLetterHeaders(Headers original, Optional<RecordMetadata> source, String stage,
                                             RuntimeException error, EnricherMetrics metrics) {
        String topic = source.map(RecordMetadata::topic).orElse("unknown");
        int partition = source.map(RecordMetadata::partition).orElse(-1);
        long offset = source.map(RecordMetadata::offset).orElse(-1L);
        DeadLetterHeaders why = DeadLetterReasons.headers(error, topic, partition, offset, stage);
        metrics.deadLetter(why.reason(), topic);
        LOG.debugf("dead letter from %s-%d@%d: %s (%s)", topic, partition, offset, why.reason(), why.errorMessage());
        return why.writeTo(new RecordHeaders(original.toArray()));
    }
}
