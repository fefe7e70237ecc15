package dev.eddy.aggregator.dashboard;

import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A broker of the dashboard test's own: its clicks are stamped with the current time, and on the module's shared
 * broker they would advance stream time past the fixed 2026-01-01 clicks of the other tests (making them late).
 */
public class OwnBrokerResource implements QuarkusTestResourceLifecycleManager {

    static volatile KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBrokers.startNew();
        try (KafkaTestClient kafka = new KafkaTestClient(broker)) {
            for (String topic : DashboardTestData.TOPICS) {
                kafka.createTopic(topic, topic.equals("clickstream") || topic.equals("clickstream.enriched") ? 2 : 1);
            }
        }
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false",
                "quarkus.kafka-streams.application-id", "eddy-aggregator-dashboard-test",
                // Set explicitly: the dashboard's own mapping must accept keys under eddy.aggregator.
                "eddy.aggregator.dashboard.interval", "700ms");
    }

    @Override
    public void stop() {
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the dashboard test broker failed", e);
            }
        }
    }
}
