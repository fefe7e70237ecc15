package dev.eddy.aggregator.dashboard;

import dev.eddy.aggregator.query.QueryParams;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.eddy.aggregator.query.LocalStores;

/**
 * Instance-to-instance part of the dashboard's session statistics: the given partitions of the session store, read
 * here only. Not part of the public API.
 */
@Path("/api/v1/internal/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardInternalResource {

    @Inject
    KafkaStreams streams;

    @GET
    @Path("/sessions")
    @Operation(hidden = true)
    public SessionLengths sessions(@QueryParam("partitions") String partitions, @QueryParam("from") String from,
                                   @QueryParam("activeSince") String activeSince,
                                   @QueryParam("allowStale") String allowStale) {
        SessionStatsReader reader = new SessionStatsReader(new LocalStores(streams), null);
        return reader.local(SessionStatsReader.partitions(partitions), SessionStatsReader.millis("from", from),
                SessionStatsReader.millis("activeSince", activeSince), QueryParams.flag("allowStale", allowStale));
    }
}
