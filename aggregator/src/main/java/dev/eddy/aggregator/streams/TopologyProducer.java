package dev.eddy.aggregator.streams;

import dev.eddy.aggregator.config.AggregatorConfig;
import dev.eddy.aggregator.config.QuerySettings;
import dev.eddy.aggregator.config.WindowSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;

/** Hands the topology to Quarkus' Kafka Streams extension; settings are validated here, so bad ones fail the start. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @ApplicationScoped
    AggregatorMetrics metrics(MeterRegistry registry) {
        return new AggregatorMetrics(registry);
    }

    // @Singleton, not @ApplicationScoped: KafkaStreams reads Topology's fields directly, which a client proxy lacks.
    @Produces
    @Singleton
    Topology topology(AggregatorConfig config, AggregatorMetrics metrics) {
        QuerySettings.from(config);
        return AggregatorTopology.build(WindowSettings.from(config), metrics);
    }
}
