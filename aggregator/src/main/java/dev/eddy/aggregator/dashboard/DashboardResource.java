package dev.eddy.aggregator.dashboard;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The dashboard's data: one snapshot on request, or a live stream of them (server-sent events). */
@Path("/api/v1/dashboard")
@Tag(name = "dashboard", description = "Live snapshots of the pipeline and the aggregates, as shown by the dashboard")
public class DashboardResource {

    @Inject
    DashboardService dashboard;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest dashboard snapshot: stage rates and lags, business panels, instances")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DashboardSnapshot.class)))
    public DashboardSnapshot snapshot() {
        return dashboard.current();
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: one JSON dashboard snapshot per interval "
            + "(eddy.aggregator.dashboard.interval), the latest one first")
    @APIResponse(responseCode = "200", description = "text/event-stream; each event's data is a DashboardSnapshot",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = DashboardSnapshot.class)))
    public Multi<DashboardSnapshot> events() {
        return dashboard.stream();
    }
}
