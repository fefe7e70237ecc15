package dev.eddy.aggregator.rest;

import dev.eddy.aggregator.query.Answer;
import dev.eddy.aggregator.query.BadQueryException;
import dev.eddy.aggregator.query.UnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Times every query ({@code eddy_aggregator_query_seconds{endpoint,outcome}}); outcome is ok, bad_request, ... */
@ApplicationScoped
public class QueryMetrics {

    private final MeterRegistry registry;
    private final ErrorResponses errors;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    QueryMetrics(MeterRegistry registry, ErrorResponses errors) {
        this.registry = registry;
        this.errors = errors;
    }

    public Response time(String endpoint, Supplier<Response> query) {
        long start = System.nanoTime();
        try {
            Response response = query.get();
            record(endpoint, "ok", start);
            return response;
        } catch (RuntimeException e) {
            record(endpoint, outcomeOf(e), start);
            throw e;
        }
    }

    /**
     * Times a query whose answer may come later (forwarded to another instance). Parameter errors found before
     * anything is read are thrown, as by {@link #time}; failures of the answer itself become their error response.
     */
    public CompletionStage<Response> timeAsync(String endpoint, Supplier<CompletableFuture<Answer>> query) {
        long start = System.nanoTime();
        CompletableFuture<Answer> answer;
        try {
            answer = query.get();
        } catch (RuntimeException e) {
            record(endpoint, outcomeOf(e), start);
            throw e;
        }
        return answer.handle((result, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            record(endpoint, cause == null ? "ok" : outcomeOf(cause), start);
            if (cause == null) {
                return Responses.of(result);
            }
            if (cause instanceof BadQueryException bad) {
                return errors.badRequest(bad);
            }
            if (cause instanceof UnavailableException unavailable) {
                return errors.unavailable(unavailable);
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }

    /** The outcome tag of a failed query. */
    private static String outcomeOf(Throwable failure) {
        return failure instanceof BadQueryException ? "bad_request"
                : failure instanceof UnavailableException ? "unavailable" : "error";
    }

    private void record(String endpoint, String outcome, long start) {
        timers.computeIfAbsent(endpoint + '/' + outcome, name -> Timer.builder("eddy.aggregator.query")
                        .description("Query API latency by endpoint and outcome")
                        .tag("endpoint", endpoint)
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
