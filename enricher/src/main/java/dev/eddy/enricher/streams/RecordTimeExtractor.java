package dev.eddy.enricher.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A user version is valid from its Kafka record timestamp (when the change happened). A record without one (older
 * clients can write -1) takes the partition's stream time instead of being dropped by Kafka Streams.
 */
public final class RecordTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0L);
    }
}
