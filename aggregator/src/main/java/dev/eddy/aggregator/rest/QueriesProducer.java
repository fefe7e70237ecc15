package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.config.AggregatorConfig;
import dev.eddy.aggregator.config.QuerySettings;
import dev.eddy.aggregator.config.WindowSettings;
import dev.eddy.aggregator.query.AggregatorQueries;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ExecutorService;

/**
 * Wires the framework-free query code to the KafkaStreams instance, the Vert.x event loops and the worker pool
 * (Quarkus' injectable {@code ExecutorService}) that Quarkus runs.
 */
@ApplicationScoped
public class QueriesProducer {

    @Produces
    @ApplicationScoped
    AggregatorQueries queries(KafkaStreams streams, AggregatorConfig config,
                              @ConfigProperty(name = "quarkus.kafka-streams.application-server") String applicationServer,
                              @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
                              Vertx vertx, ExecutorService workerPool) {
        HostInfo self;
        try {
            self = HostInfo.buildFromEndpoint(applicationServer);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("quarkus.kafka-streams.application-server must be host:port, was '"
                    + applicationServer + "'", e);
        }
        return new AggregatorQueries(streams, self, WindowSettings.from(config), QuerySettings.from(config),
                applicationId, vertx, workerPool);
    }
}
