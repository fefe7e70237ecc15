package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.query.AggregatorQueries;
import dev.eddy.aggregator.query.BadQueryException;
import dev.eddy.aggregator.query.ErrorBody;
import dev.eddy.aggregator.query.UnavailableException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Error responses: 400 for bad parameters, 503 with Retry-After when data cannot be read right now. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    AggregatorQueries queries;

    @ServerExceptionMapper
    public Response badRequest(BadQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.badRequest(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unavailable(UnavailableException e) {
        LOG.debugf("query unavailable: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", Long.toString(queries.settings().retryAfterSeconds()))
                .entity(ErrorBody.unavailable(e.getMessage() + "; retry later, or add allowStale=true to accept an "
                        + "answer from a standby copy")).build();
    }
}
