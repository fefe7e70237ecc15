package dev.eddy.aggregator.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlySessionStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import java.util.function.Function;

/**
 * Reads this instance's copy of one partition of a store (interactive queries, IQv1). Without stale reads only a
 * running active task answers; with them a standby or a restoring task answers too. Any state-store exception (the
 * task moved, is restoring, the instance is rebalancing) becomes an {@link UnavailableException}: never a hang.
 */
public final class LocalStores {

    private final KafkaStreams streams;

    public LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    public <K, V, T> T window(String store, int partition, boolean allowStale,
                              Function<ReadOnlyWindowStore<K, V>, T> read) {
        return read(store, partition, allowStale, QueryableStoreTypes.windowStore(), read);
    }

    public <K, V, T> T session(String store, int partition, boolean allowStale,
                               Function<ReadOnlySessionStore<K, V>, T> read) {
        return read(store, partition, allowStale, QueryableStoreTypes.sessionStore(), read);
    }

    public <K, V, T> T keyValue(String store, int partition, boolean allowStale,
                                Function<ReadOnlyKeyValueStore<K, V>, T> read) {
        return read(store, partition, allowStale, QueryableStoreTypes.keyValueStore(), read);
    }

    private <S, T> T read(String store, int partition, boolean allowStale, QueryableStoreType<S> type,
                          Function<S, T> read) {
        StoreQueryParameters<S> parameters = StoreQueryParameters.fromNameAndType(store, type).withPartition(partition);
        if (allowStale) {
            parameters = parameters.enableStaleStores();
        }
        try {
            return read.apply(streams.store(parameters));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new UnavailableException("partition " + partition + " of store " + store
                    + " cannot be read on this instance right now (" + e.getMessage() + ")", e);
        }
    }
}
