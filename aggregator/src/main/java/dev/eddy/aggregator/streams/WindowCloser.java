package dev.eddy.aggregator.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The store task of a pre-aggregated dimension: adds each partial to every window containing its pane (the queryable
 * window store), keeps every input partition's watermark, and emits a window's final value once the smallest of
 * them has passed the window's end. Lateness was judged upstream where event-time order holds, so nothing is judged
 * late here: records from different input tasks may interleave in any order without losing a click, and a window
 * closes exactly when every input partition is done with it (the final results do not depend on how the input tasks
 * were scheduled, for instance while a backlog is replayed).
 */
final class WindowCloser<V> implements Processor<String, Contribution, String, ClosedWindow<V>> {

    private static final Logger LOG = Logger.getLogger(WindowCloser.class);
    /** Key of the emitted-up-to time in the watermark store (input partitions are >= 0). */
    private static final int EMITTED = -1;

    private final Dimension dimension;
    private final WindowMerge<V> merge;
    private final IntSupplier inputPartitionCount;
    private int inputPartitions;
    private ProcessorContext<String, ClosedWindow<V>> context;
    private WindowStore<String, V> windows;
    private KeyValueStore<Integer, Long> watermarks;
    private long emittedUpTo;

    private WindowCloser(Dimension dimension, WindowMerge<V> merge, IntSupplier inputPartitionCount) {
        this.dimension = dimension;
        this.merge = merge;
        this.inputPartitionCount = inputPartitionCount;
    }

    static <V> ProcessorSupplier<String, Contribution, String, ClosedWindow<V>> supplier(
            Dimension dimension, WindowMerge<V> merge, Serde<V> valueSerde, Duration retention,
            IntSupplier inputPartitions) {
        StoreBuilder<WindowStore<String, V>> windowStore = Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(dimension.store(), retention,
                                Duration.ofMillis(dimension.windows().size()), false),
                        Serdes.String(), valueSerde)
                .withCachingEnabled()
                .withLoggingEnabled(ChangelogTopics.WINDOWED);
        StoreBuilder<KeyValueStore<Integer, Long>> watermarkStore = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(dimension.watermarkStore()), Serdes.Integer(), Serdes.Long());
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Contribution, String, ClosedWindow<V>> get() {
                return new WindowCloser<>(dimension, merge, inputPartitions);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(windowStore, watermarkStore);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, ClosedWindow<V>> context) {
        this.context = context;
        this.inputPartitions = inputPartitionCount.getAsInt();
        this.windows = context.getStateStore(dimension.store());
        this.watermarks = context.getStateStore(dimension.watermarkStore());
        Long emitted = watermarks.get(EMITTED);
        this.emittedUpTo = emitted == null ? Long.MIN_VALUE : emitted;
    }

    @Override
    public void process(Record<String, Contribution> record) {
        Contribution contribution = record.value();
        if (contribution == null) {
            return;
        }
        if (contribution.watermark()) {
            Long previous = watermarks.get(contribution.upstream());
            if (previous == null || contribution.time() > previous) {
                watermarks.put(contribution.upstream(), contribution.time());
                emitClosedWindows();
            }
            return;
        }
        for (Map.Entry<Long, TimeWindow> window : dimension.windows().windowsFor(contribution.time()).entrySet()) {
            long start = window.getKey();
            if (window.getValue().end() <= emittedUpTo) {
                // Cannot happen while the input partition count is unchanged (upstream tasks never accept a click
                // for a window their watermark closed); kept visible rather than silently re-emitting.
                LOG.warnf("%s: a partial for window [%d, %d) arrived after it was emitted; counted in the store only",
                        dimension.store(), start, window.getValue().end());
            }
            windows.put(record.key(), merge.add(windows.fetch(record.key(), start), contribution), start);
        }
    }

    private void emitClosedWindows() {
        long closedUpTo = Long.MAX_VALUE;
        for (int partition = 0; partition < inputPartitions; partition++) {
            Long watermark = watermarks.get(partition);
            if (watermark == null) {
                return; // an input partition has not reported yet: nothing is known to be complete
            }
            closedUpTo = Math.min(closedUpTo, watermark);
        }
        if (closedUpTo <= emittedUpTo) {
            return;
        }
        long size = dimension.windows().size();
        // Windows ending in (emittedUpTo, closedUpTo] start in (emittedUpTo - size, closedUpTo - size].
        long fromStart = emittedUpTo == Long.MIN_VALUE ? 0 : emittedUpTo - size + 1;
        long toStart = closedUpTo - size;
        if (toStart >= fromStart) {
            List<KeyValue<Windowed<String>, V>> closed = new ArrayList<>();
            try (KeyValueIterator<Windowed<String>, V> found = windows.fetchAll(Math.max(0, fromStart), toStart)) {
                found.forEachRemaining(closed::add);
            }
            for (KeyValue<Windowed<String>, V> window : closed) {
                long start = window.key.window().start();
                context.forward(new Record<>(window.key.key(),
                        new ClosedWindow<>(window.key.key(), start, start + size, window.value), start + size));
            }
        }
        emittedUpTo = closedUpTo;
        watermarks.put(EMITTED, closedUpTo);
    }
}
