package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Stands directly in front of one windowed aggregation, in the same task, and sees exactly the records it sees. It
 * tracks stream time the way the aggregation does (the largest timestamp seen by this processor instance, starting
 * afresh when the task is created) and marks records that the {@link LateArrivalRule} finds late: those are counted
 * and routed to the late-events topic instead of being dropped silently by Kafka Streams. Late records never advance
 * stream time (they are older than it), so the gate and the aggregation always agree on it.
 */
final class LateRecordGate implements FixedKeyProcessor<String, EnrichedClick, Gated> {

    private final String window;
    private final LateArrivalRule rule;
    private final AggregatorMetrics metrics;
    private FixedKeyProcessorContext<String, Gated> context;
    private long streamTime = Long.MIN_VALUE;

    LateRecordGate(String window, LateArrivalRule rule, AggregatorMetrics metrics) {
        this.window = window;
        this.rule = rule;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Gated> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichedClick> record) {
        long timestamp = record.timestamp();
        streamTime = Math.max(streamTime, timestamp);
        if (!rule.isLate(timestamp, streamTime)) {
            context.forward(record.withValue(new Gated(record.value(), false)));
            return;
        }
        metrics.countLateRecord(window);
        context.forward(record.withValue(new Gated(record.value(), true))
                .withHeaders(LateEventHeaders.stamped(record.headers(), window, streamTime)));
    }
}
