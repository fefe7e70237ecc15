package dev.eddy.enricher;

import dev.eddy.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh state folder per test run (a checkpoint from an earlier run would point into a broker that is gone), removed
 * once the application under test has stopped, so runs do not pile RocksDB folders up in the system temp folder.
 */
public class StateDirResource implements QuarkusTestResourceLifecycleManager {

    private Path stateDir;

    @Override
    public Map<String, String> start() {
        stateDir = TempDirs.create("eddy-enricher-test");
        return Map.of("eddy.enricher.state-dir", stateDir.toString());
    }

    @Override
    public void stop() {
        TempDirs.delete(stateDir);
        stateDir = null;
    }
}
