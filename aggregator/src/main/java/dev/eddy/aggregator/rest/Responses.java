package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.query.Answer;
import dev.eddy.aggregator.query.RemoteInstances;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Turns an {@link Answer} into a 200 response with the stale and served-by headers. */
final class Responses {

    private Responses() {
    }

    static Response of(Answer answer) {
        Response.ResponseBuilder builder = answer.json() != null
                ? Response.ok(answer.json(), MediaType.APPLICATION_JSON_TYPE)
                : Response.ok(answer.value(), MediaType.APPLICATION_JSON_TYPE);
        return builder
                .header(RemoteInstances.STALE_HEADER, Boolean.toString(answer.stale()))
                .header(RemoteInstances.SERVED_BY_HEADER, answer.servedBy())
                .build();
    }
}
