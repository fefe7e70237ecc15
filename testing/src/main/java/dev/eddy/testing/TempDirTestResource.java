package dev.eddy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * Quarkus test resource that points one folder setting of the application under test (its {@code property} init
 * argument) at a new, empty folder, and removes the folder once the application has stopped. Each run starts from
 * nothing (a Kafka Streams checkpoint from an earlier run would point into a broker that is gone; a lake folder would
 * hold an earlier run's files), and runs do not pile RocksDB folders or Parquet files up in the system temp folder.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = TempDirTestResource.class,
 *         initArgs = @ResourceArg(name = "property", value = "kafka-streams.state.dir"))
 * }</pre>
 */
public class TempDirTestResource implements QuarkusTestResourceLifecycleManager {

    private String property;
    private Path folder;

    @Override
    public void init(Map<String, String> initArgs) {
        property = initArgs.get("property");
        if (property == null || property.isBlank()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs the init argument 'property': the"
                    + " setting to point at the new folder");
        }
    }

    @Override
    public Map<String, String> start() {
        folder = TempDirs.create("eddy-test-" + property.replace('.', '-'));
        return Map.of(property, folder.toString());
    }

    @Override
    public void stop() {
        TempDirs.delete(folder);
        folder = null;
    }
}
