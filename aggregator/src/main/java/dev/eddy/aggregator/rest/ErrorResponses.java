package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.query.AggregatorQueries;
import dev.eddy.aggregator.query.BadQueryException;
import dev.eddy.aggregator.query.ErrorBody;
import dev.eddy.aggregator.query.UnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error responses of the API: 400 for bad parameters, 503 with Retry-After when data cannot be read now. */
@ApplicationScoped
public class ErrorResponses {

    private final AggregatorQueries queries;

    ErrorResponses(AggregatorQueries queries) {
        this.queries = queries;
    }

    public Response badRequest(BadQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.badRequest(e.getMessage())).build();
    }

    public Response unavailable(UnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", Long.toString(queries.settings().retryAfterSeconds()))
                .entity(ErrorBody.unavailable(e.getMessage() + "; retry later, or add allowStale=true to accept an "
                        + "answer from a standby copy")).build();
    }
}
