package dev.eddy.aggregator.query;

import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls other aggregator instances over HTTP (JDK client, HTTP/1.1 keep-alive, short timeouts). Every call carries
 * {@link #FORWARDED_HEADER}, and an instance that receives it answers from its own stores only: a request is
 * forwarded at most once, so two instances with different views of the assignment can never bounce it around.
 */
public final class RemoteInstances {

    /** Set on every instance-to-instance call; its value is the caller's {@code host:port}. */
    public static final String FORWARDED_HEADER = "X-Eddy-Forwarded-By";
    /** Response header: {@code true} when the answer came from a copy that may lag behind. */
    public static final String STALE_HEADER = "X-Eddy-Stale";
    /** Response header: the instance that read the store. */
    public static final String SERVED_BY_HEADER = "X-Eddy-Served-By";
    /** Request header asking for stale reads (same as the {@code allowStale=true} query parameter). */
    public static final String ALLOW_STALE_HEADER = "X-Eddy-Allow-Stale";

    private final HttpClient client;
    private final String self;
    private final Duration timeout;

    public RemoteInstances(HostInfo self, Duration timeout) {
        this.self = self.host() + ":" + self.port();
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GETs {@code pathAndQuery} from {@code host}; completes with the answer or fails with an unavailability. */
    public CompletableFuture<Answer> get(HostInfo host, String pathAndQuery) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                    .timeout(timeout)
                    .header(FORWARDED_HEADER, self)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new UnavailableException("instance " + host + " has an unusable "
                    + "address", e));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        String why = cause instanceof HttpTimeoutException ? "did not answer within " + timeout
                                : cause instanceof IOException ? "cannot be reached (" + cause.getMessage() + ")"
                                : String.valueOf(cause);
                        throw new UnavailableException("instance " + host + " " + why, cause);
                    }
                    return toAnswer(host, response);
                });
    }

    /** Blocking form of {@link #get}, bounded by the timeout. */
    public Answer getNow(HostInfo host, String pathAndQuery) {
        try {
            return get(host, pathAndQuery).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static Answer toAnswer(HostInfo host, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            boolean stale = response.headers().firstValue(STALE_HEADER).map(Boolean::parseBoolean).orElse(false);
            String servedBy = response.headers().firstValue(SERVED_BY_HEADER).orElse(host.host() + ":" + host.port());
            return Answer.forwarded(response.body(), stale, servedBy);
        }
        if (status == 400) {
            // Both instances run the same validation; a 400 here means the request itself is wrong.
            throw new BadQueryException(ErrorBody.messageOf(response.body()));
        }
        throw new UnavailableException("instance " + host + " answered " + status + ": "
                + ErrorBody.messageOf(response.body()));
    }
}
