package dev.eddy.aggregator.query;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Gathers a query over every partition of a store: each partition is read exactly once, on the instance holding
 * its active copy (or, with stale reads allowed, a standby when the active one cannot answer). Remote parts are
 * fetched in parallel. A partition nobody can answer fails the whole query (503) rather than returning a silently
 * partial result.
 */
public final class FanOut {

    /** Reads the given partitions here. */
    @FunctionalInterface
    public interface LocalPart<T> {
        List<T> read(List<Integer> partitions, boolean allowStale);
    }

    /** Reads the given partitions on another instance, parsing its JSON answer. */
    @FunctionalInterface
    public interface RemotePart<T> {
        List<T> parse(String json);
    }

    public record Gathered<T>(List<T> items, boolean stale) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final RemoteInstances remote;
    private final StoreCatalog catalog;

    public FanOut(KafkaStreams streams, HostInfo self, RemoteInstances remote, StoreCatalog catalog) {
        this.streams = streams;
        this.self = self;
        this.remote = remote;
        this.catalog = catalog;
    }

    public <T> Gathered<T> gather(String store, boolean allowStale, LocalPart<T> local,
                                  Function<List<Integer>, String> remotePath, RemotePart<T> parse) {
        Holders holders = holders(store);
        Map<HostInfo, List<Integer>> plan = new LinkedHashMap<>();
        for (Integer partition : holders.partitions()) {
            HostInfo active = holders.active().get(partition);
            if (active != null) {
                plan.computeIfAbsent(active, host -> new ArrayList<>()).add(partition);
            } else if (allowStale && !holders.standbys().getOrDefault(partition, List.of()).isEmpty()) {
                plan.computeIfAbsent(holders.standbys().get(partition).get(0), host -> new ArrayList<>())
                        .add(partition);
            } else {
                throw new UnavailableException("partition " + partition + " of store " + store
                        + " has no active instance right now (rebalancing)");
            }
        }

        Map<HostInfo, CompletableFuture<Part<T>>> calls = new LinkedHashMap<>();
        plan.forEach((host, partitions) -> {
            if (!host.equals(self)) {
                calls.put(host, remote.get(host, remotePath.apply(partitions))
                        .thenApply(answer -> new Part<>(parse.parse(answer.json()), answer.stale())));
            }
        });
        List<T> items = new ArrayList<>();
        boolean stale = false;
        List<Integer> failed = new ArrayList<>();
        UnavailableException lastFailure = null;
        if (plan.containsKey(self)) {
            try {
                items.addAll(local.read(plan.get(self), allowStale));
                stale |= allowStale && streams.state() != KafkaStreams.State.RUNNING;
            } catch (UnavailableException e) {
                failed.addAll(plan.get(self));
                lastFailure = e;
            }
        }
        for (Map.Entry<HostInfo, CompletableFuture<Part<T>>> call : calls.entrySet()) {
            try {
                Part<T> part = call.getValue().join();
                items.addAll(part.items());
                stale |= part.stale();
            } catch (CompletionException e) {
                if (e.getCause() instanceof BadQueryException rejected) {
                    // The other instance validates the same way: the request is wrong wherever it is read (400).
                    throw rejected;
                }
                failed.addAll(plan.get(call.getKey()));
                lastFailure = e.getCause() instanceof UnavailableException unavailable ? unavailable
                        : new UnavailableException("instance " + call.getKey() + " failed: " + e.getCause(), e);
            }
        }
        stale |= plan.entrySet().stream().anyMatch(entry -> entry.getValue().stream()
                .anyMatch(partition -> !entry.getKey().equals(holders.active().get(partition))));
        if (!failed.isEmpty()) {
            if (!allowStale) {
                throw lastFailure;
            }
            for (Integer partition : failed) {
                items.addAll(fromAnyStandby(store, partition, holders, plan, local, remotePath, parse));
                stale = true;
            }
        }
        return new Gathered<>(items, stale);
    }

    /** Stale reads only: a partition whose first choice failed is read from any other holder. */
    private <T> List<T> fromAnyStandby(String store, int partition, Holders holders, Map<HostInfo, List<Integer>> plan,
                                       LocalPart<T> local, Function<List<Integer>, String> remotePath,
                                       RemotePart<T> parse) {
        List<HostInfo> others = new ArrayList<>();
        HostInfo active = holders.active().get(partition);
        if (active != null) {
            others.add(active);
        }
        others.addAll(holders.standbys().getOrDefault(partition, List.of()));
        UnavailableException lastFailure = new UnavailableException("partition " + partition + " of store " + store
                + " cannot be read on any instance right now");
        for (HostInfo host : others) {
            if (plan.getOrDefault(host, List.of()).contains(partition)) {
                continue;
            }
            try {
                return host.equals(self) ? local.read(List.of(partition), true)
                        : parse.parse(remote.getNow(host, remotePath.apply(List.of(partition))).json());
            } catch (UnavailableException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private Holders holders(String store) {
        Collection<StreamsMetadata> metadata;
        try {
            metadata = streams.streamsMetadataForStore(store);
        } catch (RuntimeException e) {
            throw new UnavailableException("the aggregator is " + streams.state() + ", not ready to query", e);
        }
        String topic = catalog.sourceTopic(store);
        Map<Integer, HostInfo> active = new TreeMap<>();
        Map<Integer, List<HostInfo>> standbys = new TreeMap<>();
        for (StreamsMetadata instance : metadata) {
            for (TopicPartition partition : instance.topicPartitions()) {
                if (partition.topic().equals(topic) && instance.stateStoreNames().contains(store)) {
                    active.put(partition.partition(), instance.hostInfo());
                }
            }
            for (TopicPartition partition : instance.standbyTopicPartitions()) {
                if (partition.topic().equals(topic) && instance.standbyStateStoreNames().contains(store)) {
                    standbys.computeIfAbsent(partition.partition(), p -> new ArrayList<>()).add(instance.hostInfo());
                }
            }
        }
        List<Integer> partitions = new ArrayList<>(active.keySet());
        standbys.keySet().stream().filter(p -> !active.containsKey(p)).forEach(partitions::add);
        partitions.sort(Integer::compare);
        if (partitions.isEmpty()) {
            throw new UnavailableException("no instance holds store " + store + " yet (" + streams.state() + ")");
        }
        return new Holders(partitions, active, standbys);
    }

    static String partitionList(List<Integer> partitions) {
        return partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private record Holders(List<Integer> partitions, Map<Integer, HostInfo> active,
                           Map<Integer, List<HostInfo>> standbys) {
    }

    private record Part<T>(List<T> items, boolean stale) {
    }
}
