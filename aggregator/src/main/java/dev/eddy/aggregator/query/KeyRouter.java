package dev.eddy.aggregator.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

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
    private final Executor blockingReads;

    /** @param blockingReads where a local read after a failed forward runs (not the HTTP client's event loop) */
    public KeyRouter(KafkaStreams streams, HostInfo self, RemoteInstances remote, Executor blockingReads) {
        this.streams = streams;
        this.self = self;
        this.remote = remote;
        this.blockingReads = blockingReads;
    }

    /**
     * Answers from the first candidate that can: the active holder of the key, then (stale reads only) its standbys.
     * A local read happens on the calling thread; a forward completes on the HTTP client's event loop without holding
     * the calling thread. Failures are {@link UnavailableException}s or, when another instance rejected the request,
     * {@link BadQueryException}s; a key that cannot be located at all throws at once.
     */
    public CompletableFuture<Answer> route(String store, String key, RequestOptions options, LocalRead localRead) {
        KeyQueryMetadata metadata = metadataFor(store, key);
        List<HostInfo> candidates = new ArrayList<>();
        candidates.add(metadata.activeHost());
        if (options.allowStale()) {
            candidates.addAll(metadata.standbyHosts());
        }
        return tryFrom(0, candidates, metadata, store, key, options, localRead, null);
    }

    private CompletableFuture<Answer> tryFrom(int first, List<HostInfo> candidates, KeyQueryMetadata metadata,
                                              String store, String key, RequestOptions options, LocalRead localRead,
                                              UnavailableException previousFailure) {
        UnavailableException lastFailure = previousFailure;
        for (int index = first; index < candidates.size(); index++) {
            HostInfo host = candidates.get(index);
            boolean standby = !host.equals(metadata.activeHost());
            if (host.equals(self)) {
                try {
                    Object value = localRead.read(metadata.partition(), options.allowStale());
                    boolean stale = standby || streams.state() != KafkaStreams.State.RUNNING;
                    return CompletableFuture.completedFuture(Answer.local(value, stale, describe(self)));
                } catch (UnavailableException e) {
                    lastFailure = e;
                }
            } else if (!options.forwarded()) {
                int next = index + 1;
                return remote.get(host, options.pathAndQuery(), options.allowStale())
                        .thenApply(answer -> standby ? Answer.forwarded(answer.json(), true, answer.servedBy())
                                : answer)
                        .exceptionallyCompose(error -> {
                            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                            if (cause instanceof UnavailableException unavailable) {
                                // The next candidate may be a local standby: read it off the event loop.
                                return CompletableFuture.supplyAsync(() -> tryFrom(next, candidates, metadata,
                                        store, key, options, localRead, unavailable), blockingReads)
                                        .thenCompose(answer -> answer);
                            }
                            return CompletableFuture.failedFuture(cause);
                        });
            }
        }
        if (lastFailure != null) {
            return CompletableFuture.failedFuture(lastFailure);
        }
        return CompletableFuture.failedFuture(new UnavailableException("key '" + key + "' of store " + store
                + " (partition " + metadata.partition() + ") is held by " + describe(metadata.activeHost())
                + ", not by this instance, which received the request forwarded; the assignment is changing"));
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
