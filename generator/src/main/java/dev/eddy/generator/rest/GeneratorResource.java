package dev.eddy.generator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.generator.config.SettingsMapper;
import dev.eddy.generator.run.GeneratorService;
import dev.eddy.generator.run.GeneratorStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Control of the generator: {@code GET status}, {@code POST start}, {@code POST stop}, {@code PUT rate} with
 * {@code {"events_per_second": 500}}. Bad input answers 400 and a refused action 409, each with
 * {@code {"error": "..."}}.
 */
@Path("/api/v1/generator")
@Produces(MediaType.APPLICATION_JSON)
public class GeneratorResource {

    public record ErrorBody(String error) {
    }

    private final GeneratorService generator;
    private final ObjectMapper json;

    @Inject
    public GeneratorResource(GeneratorService generator, ObjectMapper json) {
        this.generator = generator;
        this.json = json;
    }

    @GET
    @Path("/status")
    public GeneratorStatus status() {
        return generator.status();
    }

    @POST
    @Path("/start")
    public Response start() {
        try {
            return Response.ok(generator.start()).build();
        } catch (IllegalStateException e) {
            return error(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @POST
    @Path("/stop")
    public GeneratorStatus stop() {
        return generator.stop();
    }

    @PUT
    @Path("/rate")
    @Consumes(MediaType.WILDCARD)
    public Response setRate(String body) {
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            return error(Response.Status.BAD_REQUEST, "body must be JSON like {\"events_per_second\": 500}: "
                    + e.getOriginalMessage());
        }
        JsonNode rate = request == null ? null : request.get("events_per_second");
        if (rate == null || !rate.isNumber()) {
            return error(Response.Status.BAD_REQUEST,
                    "events_per_second is required and must be a number, e.g. {\"events_per_second\": 500}");
        }
        String problem = SettingsMapper.rateProblem(rate.doubleValue());
        if (problem != null) {
            return error(Response.Status.BAD_REQUEST, "events_per_second " + problem);
        }
        return Response.ok(generator.setRate(rate.doubleValue())).build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }
}
