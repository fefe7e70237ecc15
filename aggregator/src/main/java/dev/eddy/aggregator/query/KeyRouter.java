package dev.eddy.aggregator.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers a single-key query wherever the key lives: reads this instance's store when it holds the key's partition,
 * otherwise forwards the request to the instance that does. With stale reads allowed, standby copies (here or on
 * other instances) are tried after the active one.
 */
public final class KeyRouter {

    /** Reads one partition of a store here; {@code allowStale} lets a standby or restoring copy answer. */
    @FunctionalInterface
    public interface LocalRead {
        Object read(int partition, boolean allowStale);
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final RemoteInstances remote;

    public KeyRouter(KafkaStreams streams, HostInfo self, RemoteInstances remote) {
        this.streams = streams;
        this.self = self;
        this.remote = remote;
    }

    public Answer route(String store, String key, RequestOptions options, LocalRead localRead) {
        KeyQueryMetadata metadata = metadataFor(store, key);
        List<HostInfo> candidates = new ArrayList<>();
        candidates.add(metadata.activeHost());
        if (options.allowStale()) {
            candidates.addAll(metadata.standbyHosts());
        }
        UnavailableException lastFailure = null;
        for (HostInfo host : candidates) {
            boolean standby = !host.equals(metadata.activeHost());
            try {
                if (host.equals(self)) {
                    Object value = localRead.read(metadata.partition(), options.allowStale());
                    boolean stale = standby || streams.state() != KafkaStreams.State.RUNNING;
                    return Answer.local(value, stale, describe(self));
                }
                if (!options.forwarded()) {
                    Answer answer = remote.getNow(host, options.pathAndQuery());
                    return standby ? Answer.forwarded(answer.json(), true, answer.servedBy()) : answer;
                }
            } catch (UnavailableException e) {
                lastFailure = e;
            }
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        throw new UnavailableException("key '" + key + "' of store " + store + " (partition " + metadata.partition()
                + ") is held by " + describe(metadata.activeHost()) + ", not by this instance, which received the "
                + "request forwarded; the assignment is changing");
    }

    private KeyQueryMetadata metadataFor(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (RuntimeException e) {
            throw new UnavailableException("the aggregator is " + streams.state() + ", not ready to locate keys", e);
        }
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.activeHost() == null
                || metadata.partition() < 0) {
            throw new UnavailableException("no instance holds store " + store + " for key '" + key + "' right now ("
                    + streams.state() + ")");
        }
        return metadata;
    }

    static String describe(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
