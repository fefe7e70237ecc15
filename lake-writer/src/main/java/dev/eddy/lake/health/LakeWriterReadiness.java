package dev.eddy.lake.health;

import dev.eddy.lake.app.LakeWriterService;
import dev.eddy.lake.writer.WriterState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the writer loop polls Kafka; down while it recovers from a failed upload or commit. */
@Readiness
@ApplicationScoped
public class LakeWriterReadiness implements HealthCheck {

    private final LakeWriterService service;

    public LakeWriterReadiness(LakeWriterService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        WriterState state = service.state();
        return HealthCheckResponse.named("lake-writer")
                .status(state.phase() == WriterState.Phase.RUNNING)
                .withData("phase", state.phase().name())
                .withData("detail", state.detail())
                .withData("root", service.root())
                .build();
    }
}
