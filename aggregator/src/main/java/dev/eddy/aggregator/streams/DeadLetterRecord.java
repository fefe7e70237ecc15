package dev.eddy.aggregator.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/**
 * Turns a record that could not be read back into its original key and value bytes (its headers already say why),
 * stamped with the time it was dead-lettered. Not with its event time: an undecodable record has none (the
 * {@link EventTimeExtractor} gives it the partition's time so it cannot move stream time), and a dead letter stamped
 * with an old event time could fall to the topic's time-based retention at once.
 */
final class DeadLetterRecord implements Processor<String, DecodedClick, byte[], byte[]> {

    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, DecodedClick> record) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        context.forward(record.withKey(key).withValue(record.value().rawValue())
                .withTimestamp(context.currentSystemTimeMs()));
    }
}
