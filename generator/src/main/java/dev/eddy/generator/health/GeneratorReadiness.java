package dev.eddy.generator.health;

import dev.eddy.generator.kafka.TopicProbe;
import dev.eddy.generator.run.GeneratorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Ready when Kafka answers and every topic the generator writes exists; the response says which part is missing. */
@Readiness
@ApplicationScoped
public class GeneratorReadiness implements HealthCheck {

    private final GeneratorService generator;
    private final TopicProbe topicProbe;

    @Inject
    public GeneratorReadiness(GeneratorService generator, TopicProbe topicProbe) {
        this.generator = generator;
        this.topicProbe = topicProbe;
    }

    @Override
    public HealthCheckResponse call() {
        TopicProbe.Result kafka = topicProbe.check(generator.topics(), Duration.ofSeconds(3));
        GeneratorService.State state = generator.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("eddy-generator-kafka")
                .withData("state", state.label())
                .status(kafka.ok() && state != GeneratorService.State.FAILED);
        if (!kafka.ok()) {
            response.withData("reason", kafka.problem());
        }
        return response.build();
    }
}
