package dev.eddy.lake.health;

import dev.eddy.lake.app.LakeWriterService;
import dev.eddy.lake.writer.WriterState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive unless the writer loop has stopped (it retries failures itself, so a stop is final). */
@Liveness
@ApplicationScoped
public class LakeWriterLiveness implements HealthCheck {

    private final LakeWriterService service;

    public LakeWriterLiveness(LakeWriterService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        WriterState state = service.state();
        return HealthCheckResponse.named("lake-writer-loop")
                .status(state.phase() != WriterState.Phase.STOPPED)
                .withData("phase", state.phase().name())
                .build();
    }
}
