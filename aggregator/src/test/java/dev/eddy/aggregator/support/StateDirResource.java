package dev.eddy.aggregator.support;

import dev.eddy.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh Kafka Streams state directory per test run, so state of an earlier run's broker never leaks in; removed
 * when the application under test has stopped, so runs do not pile RocksDB folders up in the system temp folder.
 */
public class StateDirResource implements QuarkusTestResourceLifecycleManager {

    private Path stateDir;

    @Override
    public Map<String, String> start() {
        stateDir = TempDirs.create("aggregator-state");
        return Map.of("kafka-streams.state.dir", stateDir.toString());
    }

    @Override
    public void stop() {
        TempDirs.delete(stateDir);
        stateDir = null;
    }
}
