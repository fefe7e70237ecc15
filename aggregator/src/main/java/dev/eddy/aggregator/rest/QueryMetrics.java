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
            record(endpoint, outcome, start);
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
        } catch (BadQueryException e) {
            record(endpoint, "bad_request", start);
            throw e;
        } catch (UnavailableException e) {
            record(endpoint, "unavailable", start);
            throw e;
        } catch (RuntimeException e) {
            record(endpoint, "error", start);
            throw e;
        }
        return answer.handle((result, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            if (cause == null) {
                record(endpoint, "ok", start);
                return Responses.of(result);
            }
            if (cause instanceof BadQueryException bad) {
                record(endpoint, "bad_request", start);
                return errors.badRequest(bad);
            }
            if (cause instanceof UnavailableException unavailable) {
                record(endpoint, "unavailable", start);
                return errors.unavailable(unavailable);
            }
            record(endpoint, "error", start);
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
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
