package dev.eddy.lake.support;

import dev.eddy.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * Points the application at a new, empty lake folder, so each test run starts from nothing; removed when the
 * application under test has stopped, so runs do not pile Parquet files up in the system temp folder.
 */
public class TempLakeResource implements QuarkusTestResourceLifecycleManager {

    public static volatile Path root;

    @Override
    public Map<String, String> start() {
        root = TempDirs.create("eddy-lake-app-test");
        return Map.of("eddy.lake-writer.root", root.toString());
    }

    @Override
    public void stop() {
        TempDirs.delete(root);
    }
}
