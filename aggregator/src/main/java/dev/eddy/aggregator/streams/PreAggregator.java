package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs in the input task (keyed by user, where event-time order holds as well as the input partition keeps it) for
 * one {@link Dimension}. It judges lateness there, with the task's own stream time, and counts accepted clicks per
 * (key, pane) instead of repartitioning each click. Every {@code flushInterval} of wall-clock time it sends its
 * partials to the dimension's store tasks, then a watermark: windows ending at or before {@code streamTime - grace}
 * get nothing more from this input partition.
 * <p>
 * Partials not yet sent live in a logged store (cached, so the changelog sees one write per key per commit): under
 * exactly-once they commit atomically with the input offsets, so a crash neither loses nor doubles a click. Stream
 * time is stored with each flush, so a restarted task never accepts a click for a window its last watermark closed.
 */
final class PreAggregator implements Processor<String, EnrichedClick, String, PreAggregated> {

    /** Key of the stored stream time in the pending store (partial keys always contain a '/'). */
    static final String STREAM_TIME_KEY = "stream-time";
    private static final long WATERMARK_REPEAT_MS = 10_000;

    private final Dimension dimension;
    private final LateArrivalRule rule;
    private final Duration flushInterval;
    private final AggregatorMetrics metrics;
    private final Map<String, Contribution> pending = new HashMap<>();
    private ProcessorContext<String, PreAggregated> context;
    private KeyValueStore<String, Contribution> store;
    private int upstream;
    private long streamTime = Long.MIN_VALUE;
    private long sentStreamTime = Long.MIN_VALUE;
    private long watermarkSentAt = Long.MIN_VALUE;
    private long sentWatermark = Long.MIN_VALUE;

    PreAggregator(Dimension dimension, Duration flushInterval, AggregatorMetrics metrics) {
        this.dimension = dimension;
        this.rule = dimension.lateArrivalRule();
        this.flushInterval = flushInterval;
        this.metrics = metrics;
    }

    static ProcessorSupplier<String, EnrichedClick, String, PreAggregated> supplier(Dimension dimension,
                                                                                    Duration flushInterval,
                                                                                    AggregatorMetrics metrics) {
        StoreBuilder<KeyValueStore<String, Contribution>> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(dimension.pendingStore()), Serdes.String(), new ContributionSerde())
                .withCachingEnabled();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, EnrichedClick, String, PreAggregated> get() {
                return new PreAggregator(dimension, flushInterval, metrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, PreAggregated> context) {
        // Kafka Streams re-initialises the same processor when it revives a corrupted task (an aborted transaction):
        // whatever this instance counted since the last commit will be read again, so only the store may speak.
        pending.clear();
        streamTime = Long.MIN_VALUE;
        sentStreamTime = Long.MIN_VALUE;
        watermarkSentAt = Long.MIN_VALUE;
        sentWatermark = Long.MIN_VALUE;
        this.context = context;
        this.store = context.getStateStore(dimension.pendingStore());
        this.upstream = context.taskId().partition();
        try (KeyValueIterator<String, Contribution> stored = store.all()) {
            stored.forEachRemaining(entry -> {
                if (entry.key.equals(STREAM_TIME_KEY)) {
                    streamTime = entry.value.time();
                    sentStreamTime = streamTime;
                } else {
                    pending.put(entry.key, entry.value);
                }
            });
        }
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, EnrichedClick> record) {
        long timestamp = record.timestamp();
        streamTime = Math.max(streamTime, timestamp);
        EnrichedClick click = record.value();
        if (rule.isLate(timestamp, streamTime)) {
            metrics.countLateRecord(dimension.store());
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.remove(LateEventHeaders.WINDOW);
            headers.remove(LateEventHeaders.STREAM_TIME);
            headers.add(LateEventHeaders.WINDOW, dimension.store().getBytes(StandardCharsets.UTF_8));
            headers.add(LateEventHeaders.STREAM_TIME, Long.toString(streamTime).getBytes(StandardCharsets.UTF_8));
            context.forward(record.withValue(new PreAggregated(click, null)).withHeaders(headers));
            return;
        }
        long pane = dimension.paneStart(timestamp);
        String key = dimension.keyOf().apply(click);
        String pendingKey = pane + "/" + key;
        int user = dimension.keepsUsers() ? click.userId() : -1;
        Contribution partial = pending.get(pendingKey);
        partial = partial == null
                ? Contribution.partial(pane, 0, null, dimension.keepsUsers() ? SegmentAggregate.cityOf(click) : null,
                dimension.keepsUsers() ? SegmentAggregate.levelOf(click) : null).plusOne(user)
                : partial.plusOne(user);
        pending.put(pendingKey, partial);
        store.put(pendingKey, partial);
    }

    /** Sends every partial, then the watermark; both reach each store task in this order. */
    private void flush(long now) {
        for (Map.Entry<String, Contribution> entry : pending.entrySet()) {
            String key = entry.getKey().substring(entry.getKey().indexOf('/') + 1);
            context.forward(new Record<>(key, new PreAggregated(null, entry.getValue()), entry.getValue().time()));
            store.delete(entry.getKey());
        }
        pending.clear();
        if (streamTime == Long.MIN_VALUE) {
            return;
        }
        if (streamTime != sentStreamTime) {
            store.put(STREAM_TIME_KEY, Contribution.watermark(upstream, streamTime));
            sentStreamTime = streamTime;
        }
        // Sent when it moves, and again now and then: a store task created later (a new deployment) learns every input
        // partition's position even from a partition that has gone quiet.
        long watermark = streamTime - dimension.grace();
        if (watermark == sentWatermark && now - watermarkSentAt < WATERMARK_REPEAT_MS) {
            return;
        }
        sentWatermark = watermark;
        watermarkSentAt = now;
        context.forward(new Record<>(WatermarkPartitioner.WATERMARK_KEY,
                new PreAggregated(null, Contribution.watermark(upstream, watermark)), Math.max(0, watermark)));
    }
}
