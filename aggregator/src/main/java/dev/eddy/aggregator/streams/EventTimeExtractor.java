package dev.eddy.aggregator.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Windows use event time: the click's {@code _time}. A record that could not be decoded has no event time, and one
 * keyed by something other than its user id (which {@link ClickDecoder} dead-letters) has none to trust: it gets
 * the partition's time, so it neither moves stream time (its broker timestamp could be hours ahead of the clicks'
 * event times during a backfill, and every click after it would then be late) nor is dropped for an invalid
 * timestamp: it must reach the dead-letter topic ({@link DeadLetterRecord} stamps it with the time it was rejected).
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof DecodedClick decoded && !decoded.isFailure()
                && decoded.click().key().equals(record.key())) {
            return decoded.click().eventTime();
        }
        return Math.max(0, partitionTime);
    }
}
