package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.query.BadQueryException;
import dev.eddy.aggregator.query.UnavailableException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the query exceptions thrown by resource methods to their {@link ErrorResponses}. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    ErrorResponses responses;

    @ServerExceptionMapper
    public Response badRequest(BadQueryException e) {
        return responses.badRequest(e);
    }

    @ServerExceptionMapper
    public Response unavailable(UnavailableException e) {
        LOG.debugf("query unavailable: %s", e.getMessage());
        return responses.unavailable(e);
    }
}
