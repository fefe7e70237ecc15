package dev.eddy.enricher.health;

import io.quarkus.kafka.streams.runtime.KafkaStreamsTopologyManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Set;
import java.util.TreeSet;

/**
 * Ready when every topic in {@code quarkus.kafka-streams.topics} exists and Kafka Streams is RUNNING. Until then it
 * says which topics are missing or which state it is in, so an operator sees why it is not processing.
 */
@Readiness
@ApplicationScoped
public class KafkaStreamsReadiness implements HealthCheck {

    @Inject
    KafkaStreams streams;

    @Inject
    KafkaStreamsTopologyManager topics;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-streams-ready")
                .withData("state", state.name());
        Set<String> missing;
        try {
            missing = topics.isTopicsCheckEnabled() ? new TreeSet<>(topics.getMissingTopics()) : Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted while listing topics").build();
        } catch (RuntimeException e) {
            return response.down().withData("error", "cannot list topics: " + e.getMessage()).build();
        }
        if (!missing.isEmpty()) {
            response.withData("missing_topics", String.join(",", missing));
        }
        return response.status(missing.isEmpty() && state == KafkaStreams.State.RUNNING).build();
    }
}
