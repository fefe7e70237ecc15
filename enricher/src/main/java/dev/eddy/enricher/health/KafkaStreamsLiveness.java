package dev.eddy.enricher.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless Kafka Streams has failed for good. Waiting for topics (state CREATED), rebalancing and restoring state
 * are normal and must not get the pod restarted, which is why this replaces Quarkus' own state check (that one
 * reports DOWN for everything but RUNNING and REBALANCING).
 */
@Liveness
@ApplicationScoped
public class KafkaStreamsLiveness implements HealthCheck {

    @Inject
    KafkaStreams streams;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
        return HealthCheckResponse.named("kafka-streams-alive")
                .status(!failed)
                .withData("state", state.name())
                .build();
    }
}
