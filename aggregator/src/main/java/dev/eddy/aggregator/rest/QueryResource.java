package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.query.AggregatorQueries;
import dev.eddy.aggregator.query.ErrorBody;
import dev.eddy.aggregator.query.QueryParams;
import dev.eddy.aggregator.query.RemoteInstances;
import dev.eddy.aggregator.query.RequestOptions;
import dev.eddy.aggregator.query.model.ErrorRatesResponse;
import dev.eddy.aggregator.query.model.InstancesResponse;
import dev.eddy.aggregator.query.model.PageViewsResponse;
import dev.eddy.aggregator.query.model.SegmentsResponse;
import dev.eddy.aggregator.query.model.SessionsResponse;
import dev.eddy.aggregator.query.model.TopPagesResponse;
import dev.eddy.aggregator.query.model.TotalsResponse;
import dev.eddy.aggregator.query.model.UserActivityResponse;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.concurrent.CompletionStage;

/**
 * The query API, version 1. Any instance answers any request: single-key queries are answered here or forwarded to
 * the key's owner; store-wide queries gather every instance's part. Times are epoch milliseconds or ISO-8601
 * instants; ranges are closed, on window start, and limited to {@code eddy.aggregator.query.max-range}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "aggregates", description = "Windowed clickstream aggregates")
@APIResponses({
        @APIResponse(responseCode = "400", description = "Bad parameter (message says which)",
                content = @Content(schema = @Schema(implementation = ErrorBody.class))),
        @APIResponse(responseCode = "503", description = "Rebalancing or restoring: retry after Retry-After seconds, "
                + "or ask for a stale read", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
})
public class QueryResource {

    @Inject
    AggregatorQueries queries;

    @Inject
    QueryMetrics metrics;

    @Context
    HttpServerRequest request;

    @GET
    @Path("/users/{userId}/activity")
    @Operation(summary = "Events per minute of one user (tumbling windows), for windows starting in [from, to]")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UserActivityResponse.class)))
    @Blocking // the local read (RocksDB); a forward then waits on the event loop, holding no worker thread
    public CompletionStage<Response> userActivity(
            @Parameter(description = "User id; -1 for anonymous clicks") @PathParam("userId") String userId,
            @Parameter(description = "Range start (epoch ms or ISO-8601)", required = true) @QueryParam("from") String from,
            @Parameter(description = "Range end (epoch ms or ISO-8601)", required = true) @QueryParam("to") String to,
            @Parameter(description = "Accept an answer from a standby copy") @QueryParam("allowStale") String allowStale,
            @HeaderParam(RemoteInstances.ALLOW_STALE_HEADER) String allowStaleHeader,
            @HeaderParam(RemoteInstances.FORWARDED_HEADER) String forwardedBy) {
        return metrics.timeAsync("user_activity", () -> queries.userActivity(userId, from, to,
                options(allowStale, allowStaleHeader, forwardedBy)));
    }

    @GET
    @Path("/users/{userId}/sessions")
    @Operation(summary = "Sessions of one known user overlapping [from, to], including the one still open")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SessionsResponse.class)))
    @Blocking // the local read (RocksDB); a forward then waits on the event loop, holding no worker thread
    public CompletionStage<Response> sessions(
            @Parameter(description = "User id (>= 0)") @PathParam("userId") String userId,
            @Parameter(required = true) @QueryParam("from") String from,
            @Parameter(required = true) @QueryParam("to") String to,
            @QueryParam("allowStale") String allowStale,
            @HeaderParam(RemoteInstances.ALLOW_STALE_HEADER) String allowStaleHeader,
            @HeaderParam(RemoteInstances.FORWARDED_HEADER) String forwardedBy) {
        return metrics.timeAsync("sessions", () -> queries.sessions(userId, from, to,
                options(allowStale, allowStaleHeader, forwardedBy)));
    }

    @GET
    @Path("/page-views")
    @Operation(summary = "Views of one page per window (1m tumbling or 5m hopping), for windows starting in [from, to]")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PageViewsResponse.class)))
    @Blocking // the local read (RocksDB); a forward then waits on the event loop, holding no worker thread
    public CompletionStage<Response> pageViews(
            @Parameter(description = "Page path, e.g. /index.html", required = true) @QueryParam("page") String page,
            @Parameter(description = "1m or 5m", required = true) @QueryParam("window") String window,
            @Parameter(required = true) @QueryParam("from") String from,
            @Parameter(required = true) @QueryParam("to") String to,
            @QueryParam("allowStale") String allowStale,
            @HeaderParam(RemoteInstances.ALLOW_STALE_HEADER) String allowStaleHeader,
            @HeaderParam(RemoteInstances.FORWARDED_HEADER) String forwardedBy) {
        return metrics.timeAsync("page_views", () -> queries.pageViews(page, window, from, to,
                options(allowStale, allowStaleHeader, forwardedBy)));
    }

    @GET
    @Path("/top-pages")
    @Operation(summary = "The N most viewed pages of one window, merged across all instances")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TopPagesResponse.class)))
    public Response topPages(
            @Parameter(description = "1m or 5m", required = true) @QueryParam("window") String window,
            @Parameter(description = "A time inside the wanted window's first advance step; rounded down to the "
                    + "window grid", required = true) @QueryParam("start") String start,
            @Parameter(description = "How many pages (default 10, at most eddy.aggregator.query.max-top-n)")
            @QueryParam("n") String n,
            @QueryParam("allowStale") String allowStale,
            @HeaderParam(RemoteInstances.ALLOW_STALE_HEADER) String allowStaleHeader,
            @HeaderParam(RemoteInstances.FORWARDED_HEADER) String forwardedBy) {
        return metrics.time("top_pages", () -> Responses.of(queries.topPages(window, start, n,
                options(allowStale, allowStaleHeader, forwardedBy))));
    }

    @GET
    @Path("/totals")
    @Operation(summary = "All clicks and all errors per minute window starting in [from, to], and their sums")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TotalsResponse.class)))
    public Response totals(
            @Parameter(required = true) @QueryParam("from") String from,
            @Parameter(required = true) @QueryParam("to") String to,
            @QueryParam("allowStale") String allowStale,
            @HeaderParam(RemoteInstances.ALLOW_STALE_HEADER) String allowStaleHeader,
            @HeaderParam(RemoteInstances.FORWARDED_HEADER) String forwardedBy) {
        return metrics.time("totals", () -> Responses.of(queries.totals(from, to,
                options(allowStale, allowStaleHeader, forwardedBy))));
    }

    @GET
    @Path("/errors")
    @Operation(summary = "Errors per status per minute window starting in [from, to], with the error rate")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ErrorRatesResponse.class)))
    public Response errors(
            @Parameter(required = true) @QueryParam("from") String from,
            @Parameter(required = true) @QueryParam("to") String to,
            @Parameter(description = "Only this status (400-599)") @QueryParam("status") String status,
            @QueryParam("allowStale") String allowStale,
            @HeaderParam(RemoteInstances.ALLOW_STALE_HEADER) String allowStaleHeader,
            @HeaderParam(RemoteInstances.FORWARDED_HEADER) String forwardedBy) {
        return metrics.time("errors", () -> Responses.of(queries.errorRates(from, to, status,
                options(allowStale, allowStaleHeader, forwardedBy))));
    }

    @GET
    @Path("/segments")
    @Operation(summary = "Activity per city and level per minute window starting in [from, to]")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SegmentsResponse.class)))
    public Response segments(
            @Parameter(required = true) @QueryParam("from") String from,
            @Parameter(required = true) @QueryParam("to") String to,
            @QueryParam("allowStale") String allowStale,
            @HeaderParam(RemoteInstances.ALLOW_STALE_HEADER) String allowStaleHeader,
            @HeaderParam(RemoteInstances.FORWARDED_HEADER) String forwardedBy) {
        return metrics.time("segments", () -> Responses.of(queries.segments(from, to,
                options(allowStale, allowStaleHeader, forwardedBy))));
    }

    @GET
    @Path("/instances")
    @Operation(summary = "Every instance and the partitions of each store it holds, active and standby")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InstancesResponse.class)))
    public Response instances() {
        return metrics.time("instances", () -> Response.ok(queries.instances()).build());
    }

    private RequestOptions options(String allowStale, String allowStaleHeader, String forwardedBy) {
        boolean stale = QueryParams.flag("allowStale", allowStale)
                || QueryParams.flag(RemoteInstances.ALLOW_STALE_HEADER, allowStaleHeader);
        // The request target as received (origin form: raw path and query), forwarded unchanged to the key's owner.
        String target = request.uri();
        String pathAndQuery = target.startsWith("/") ? target
                : request.path() + (request.query() == null ? "" : "?" + request.query());
        return new RequestOptions(stale, forwardedBy != null && !forwardedBy.isBlank(), pathAndQuery);
    }
}
