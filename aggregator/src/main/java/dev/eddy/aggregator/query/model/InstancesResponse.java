package dev.eddy.aggregator.query.model;

import java.util.List;
import java.util.Map;

/** Which instance holds which partitions of each store, as active or standby copy. */
public record InstancesResponse(String self, String state, List<Instance> instances) {

    public record Instance(String host, int port, boolean self, Map<String, StorePartitions> stores) {
    }

    public record StorePartitions(String topic, List<Integer> active, List<Integer> standby) {
    }
}
