package dev.eddy.aggregator.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Windows use event time: the click's {@code _time}. A record that could not be decoded keeps its broker timestamp
 * (or the partition's stream time) so it is never dropped for an invalid timestamp: it must reach the dead-letter topic.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof DecodedClick decoded && !decoded.isFailure()) {
            return decoded.click().eventTime();
        }
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return Math.max(0, partitionTime);
    }
}
