package dev.eddy.e2e;

import dev.eddy.e2e.check.BadInput;
import dev.eddy.e2e.check.PipelineVerifier;
import dev.eddy.e2e.pipeline.GeneratorStatus;
import dev.eddy.e2e.pipeline.Pipeline;
import dev.eddy.e2e.pipeline.PipelineSettings;
import dev.eddy.launcher.services.EddyService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four packaged services against one broker process, a seeded bounded generator run with every kind of bad
 * input of the corpus mixed in: the aggregator's answers and the lake equal the generator's ground truth, and every
 * input record is enriched or dead-lettered, none twice. See {@link PipelineVerifier} for how windows are closed.
 */
class PipelineEndToEndIT {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theWholePipelineEqualsTheGroundTruth() throws IOException {
        // A fixed folder under target/ rather than a temporary one: after a failure every process log is still
        // there (target/e2e-run/logs) to say why.
        Path workDir = WorkDir.fresh(Path.of("target", "e2e-run"));
        PipelineSettings settings = PipelineSettings.small(PipelineSettings.findRepository(Path.of("")), workDir);
        List<BadInput> badInput = BadInput.injected();
        assertThat(badInput.stream().map(BadInput::kind).distinct()).hasSizeGreaterThanOrEqualTo(20);

        try (Pipeline pipeline = Pipeline.startBroker(settings)) {
            pipeline.start(EddyService.ENRICHER);
            pipeline.start(EddyService.AGGREGATOR);
            pipeline.start(EddyService.LAKE_WRITER);
            pipeline.start(EddyService.GENERATOR);
            // Bad input while the generator's clicks flow, mixed in between them; the pipeline must keep running.
            PipelineVerifier.inject(pipeline.bootstrapServers(), badInput);
            System.out.println("generator: " + GeneratorStatus.awaitDone(pipeline.baseUrl(EddyService.GENERATOR),
                    Duration.ofMinutes(2)));

            new PipelineVerifier(pipeline, System.out, Duration.ofMinutes(2)).verify(badInput);

            assertThat(pipeline.unexpectedExits()).as("services that died during the run").isEmpty();
        }
    }
}
