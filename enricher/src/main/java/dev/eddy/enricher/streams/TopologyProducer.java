package dev.eddy.enricher.streams;

import dev.eddy.enricher.config.EnricherConfig;
import dev.eddy.enricher.metrics.EnricherMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;

/** Hands the topology to quarkus-kafka-streams, which runs it with the {@code kafka-streams.*} settings. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology topology(EnricherConfig config, MeterRegistry registry,
                             @ConfigProperty(name = "kafka-streams.state.dir") String stateDir,
                             @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        // Kafka Streams is created from this topology, so this runs before it reads the state folder.
        StatusCodesCheckpoint.forgetStaleOffsets(Path.of(stateDir), applicationId);
        ClickLimits limits = new ClickLimits(config.maxFutureSkew(), config.earliestEventTime(),
                config.maxRecordBytes(), System::currentTimeMillis);
        return EnricherTopology.build(config.userHistoryRetention(), limits, config.latestUsersPerTask(),
                new EnricherMetrics(registry));
    }
}
