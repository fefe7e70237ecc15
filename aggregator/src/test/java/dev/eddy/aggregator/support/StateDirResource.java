package dev.eddy.aggregator.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A fresh Kafka Streams state directory per test run, so state of an earlier run's broker never leaks in. */
public class StateDirResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka-streams.state.dir", TopologyHarness.tempDir().toString());
    }

    @Override
    public void stop() {
        // The directory is under java.io.tmpdir and removed with it.
    }
}
