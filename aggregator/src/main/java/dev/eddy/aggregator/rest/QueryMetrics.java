package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.query.BadQueryException;
import dev.eddy.aggregator.query.UnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/** Times every query ({@code eddy_aggregator_query_seconds{endpoint,outcome}}); outcome is ok, bad_request, ... */
@ApplicationScoped
public class QueryMetrics {

    private final MeterRegistry registry;

    QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Response time(String endpoint, Supplier<Response> query) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            Response response = query.get();
            outcome = "ok";
            return response;
        } catch (BadQueryException e) {
            outcome = "bad_request";
            throw e;
        } catch (UnavailableException e) {
            outcome = "unavailable";
            throw e;
        } finally {
            Timer.builder("eddy.aggregator.query")
                    .description("Query API latency by endpoint and outcome")
                    .tag("endpoint", endpoint)
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
