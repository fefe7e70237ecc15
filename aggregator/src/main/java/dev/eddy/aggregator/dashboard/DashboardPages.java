package dev.eddy.aggregator.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/** {@code /dashboard} for people who type it: the page itself is the static {@code /index.html}. */
@Path("/dashboard")
public class DashboardPages {

    @GET
    @Operation(hidden = true)
    public Response dashboard() {
        return Response.seeOther(URI.create("/")).build();
    }
}
