package dev.eddy.generator.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/**
 * What {@code GET /api/v1/generator/status} answers.
 *
 * @param state          what the generator is doing: stopped, waiting-for-kafka, running, done or failed
 * @param running        whether it is started (a started generator may still be waiting for Kafka)
 * @param reason         why the generator waits or failed; absent otherwise
 * @param sent           records committed to Kafka, all topics
 * @param sentByTopic    records committed to Kafka, per topic
 * @param clicksEmitted  clicks handed to the producer so far (a bounded run stops at max_events)
 * @param rate           target clicks per simulated second
 * @param simulatedTime  the simulated clock: emission time of the last record handed to the producer
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratorStatus(
        String state,
        boolean running,
        String reason,
        long sent,
        Map<String, Long> sentByTopic,
        long sendErrors,
        long clicksEmitted,
        Long maxEvents,
        int usersRegistered,
        double rate,
        String pacing,
        String simulatedTime,
        long simulatedTimeMillis,
        long seed,
        String runId) {
}
