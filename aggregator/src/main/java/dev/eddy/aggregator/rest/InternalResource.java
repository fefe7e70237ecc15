package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.query.AggregatorQueries;
import dev.eddy.aggregator.query.QueryParams;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Instance-to-instance part of fanned-out queries: the windows of given partitions of one store, read here only
 * (never forwarded again). Not part of the public API.
 */
@Path("/api/v1/internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {

    @Inject
    AggregatorQueries queries;

    @Inject
    QueryMetrics metrics;

    @GET
    @Path("/windows/{store}")
    @Operation(hidden = true)
    public Response windows(@PathParam("store") String store,
                            @QueryParam("partitions") String partitions,
                            @QueryParam("from") String from,
                            @QueryParam("to") String to,
                            @QueryParam("n") String n,
                            @QueryParam("allowStale") String allowStale) {
        return metrics.time("internal_windows", () -> Response.ok(queries.localWindows(store, partitions, from, to, n,
                QueryParams.flag("allowStale", allowStale))).build());
    }
}
