package dev.eddy.aggregator.streams;

import dev.eddy.aggregator.config.AggregatorConfig;
import dev.eddy.aggregator.config.QuerySettings;
import dev.eddy.aggregator.config.WindowSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Hands the topology to Quarkus' Kafka Streams extension; settings are validated here, so bad ones fail the start. */
@ApplicationScoped
public class TopologyProducer {

    private static final String STREAMS_PREFIX = "kafka-streams.";

    @Produces
    @ApplicationScoped
    AggregatorMetrics metrics(MeterRegistry registry) {
        return new AggregatorMetrics(registry);
    }

    // @Singleton, not @ApplicationScoped: KafkaStreams reads Topology's fields directly, which a client proxy lacks.
    @Produces
    @Singleton
    Topology topology(AggregatorConfig config, AggregatorMetrics metrics, Config allSettings) {
        QuerySettings.from(config);
        TopologyOptions options = new TopologyOptions(
                new InputPartitions(clientSettings(allSettings), Duration.ofMinutes(2)), config.flushInterval(),
                config.sessions().decodedUsersPerTask());
        return AggregatorTopology.build(WindowSettings.from(config), options, metrics);
    }

    /** Bootstrap servers and the security settings (kafka-streams.security.*, sasl.*, ssl.*) of the streams clients. */
    private static Map<String, Object> clientSettings(Config config) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.getValue("quarkus.kafka-streams.bootstrap-servers", String.class));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(STREAMS_PREFIX)) {
                String client = name.substring(STREAMS_PREFIX.length());
                if (client.startsWith("security.") || client.startsWith("sasl.") || client.startsWith("ssl.")) {
                    config.getOptionalValue(name, String.class).ifPresent(value -> settings.put(client, value));
                }
            }
        }
        return settings;
    }
}
