package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.User;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * Sends to the dead-letter topic the user changes that the versioned users store would silently drop. That store
 * refuses a write whose timestamp is older than its observed stream time (the newest change it has stored) minus the
 * history retention (Kafka 4.1 {@code RocksDBVersionedStore}: "Skipping record for expired put"), which would leave a
 * late-arriving user unknown without a trace. This processor tracks the same observed time per task, in a small store
 * that is changelogged and so restored to the same committed point as the versioned store after a crash.
 */
final class UserHistoryHorizon implements FixedKeyProcessor<byte[], Checked<User>, Checked<User>> {

    static final String STORE = "users-observed-time";
    static final String STAGE = "enricher.users-history";
    private static final String OBSERVED = "observed";

    private final long retentionMs;
    private final EnricherMetrics metrics;
    private FixedKeyProcessorContext<byte[], Checked<User>> context;
    private KeyValueStore<String, Long> observedTime;

    UserHistoryHorizon(Duration retention, EnricherMetrics metrics) {
        this.retentionMs = retention.toMillis();
        this.metrics = metrics;
    }

    static StoreBuilder<KeyValueStore<String, Long>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long());
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Checked<User>> context) {
        this.context = context;
        this.observedTime = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<byte[], Checked<User>> record) {
        if (Checked.isRejected(record.value())) {
            context.forward(record);
            return;
        }
        Long observed = observedTime.get(OBSERVED);
        long timestamp = record.timestamp();
        if (observed != null && timestamp < observed - retentionMs) {
            context.forward(Rejections.reject(record, record.value().originalValue(), context.recordMetadata(), STAGE,
                    new RejectedInputException(RejectedInputException.BEYOND_HISTORY, "timestamp: user change at "
                            + timestamp + " is older than the users history kept on this partition (from "
                            + (observed - retentionMs) + ", eddy.enricher.user-history-retention="
                            + Duration.ofMillis(retentionMs) + ")"), metrics));
            return;
        }
        if (observed == null || timestamp > observed) {
            observedTime.put(OBSERVED, timestamp);
        }
        context.forward(record);
    }
}
