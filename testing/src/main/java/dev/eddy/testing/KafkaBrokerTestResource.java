package dev.eddy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quarkus test resource that points an application at the shared embedded broker (Dev Services stay off: they need
 * Docker). Topics to create before the application starts can be passed as the {@code topics} init argument,
 * {@code name:partitions} separated by commas.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = KafkaBrokerTestResource.class,
 *         initArgs = @ResourceArg(name = "topics", value = "clickstream:3,clickstream.users:3"))
 * }</pre>
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private final Map<String, Integer> topics = new HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        String spec = initArgs.getOrDefault("topics", "").trim();
        if (spec.isEmpty()) {
            return;
        }
        for (String entry : List.of(spec.split(","))) {
            String[] parts = entry.trim().split(":");
            topics.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
        }
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBrokers.shared();
        if (!topics.isEmpty()) {
            try (KafkaTestClient client = new KafkaTestClient(broker)) {
                topics.forEach(client::createTopic);
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // The broker is shared by the module's tests and stops with the JVM.
    }
}
