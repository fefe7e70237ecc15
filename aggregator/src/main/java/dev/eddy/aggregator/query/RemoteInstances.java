package dev.eddy.aggregator.query;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls other aggregator instances over HTTP/1.1 with a pool of keep-alive connections per instance, on the Vert.x
 * event loop that serves the API: a forwarded request holds no thread while the other instance works. (The JDK
 * client used before opened a connection and a thread per concurrent call, which at a few thousand forwards a second
 * cost more CPU than answering them.) Every call carries {@link #FORWARDED_HEADER}, and an instance that receives it
 * answers from its own stores only: a request is forwarded at most once, so two instances with different views of
 * the assignment can never bounce it around.
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

    /** Connections kept open to each other instance; further concurrent calls queue for one. */
    static final int CONNECTIONS_PER_INSTANCE = 32;
    /** Calls waiting for a connection beyond which a call fails at once (503) instead of queueing. */
    static final int MAX_WAITING_CALLS = 1024;

    private final HttpClient client;
    private final String self;
    private final Duration timeout;

    public RemoteInstances(Vertx vertx, HostInfo self, Duration timeout) {
        this(vertx.createHttpClient(clientOptions(timeout)), self, timeout);
    }

    /** With a client made by {@link #clientOptions}; tests pass one they can watch. */
    RemoteInstances(HttpClient client, HostInfo self, Duration timeout) {
        this.client = client;
        this.self = self.host() + ":" + self.port();
        this.timeout = timeout;
    }

    static HttpClientOptions clientOptions(Duration timeout) {
        return new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(CONNECTIONS_PER_INSTANCE)
                .setMaxWaitQueueSize(MAX_WAITING_CALLS)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * GETs {@code pathAndQuery} from {@code host}; completes with the answer or fails with a
     * {@link BadQueryException} (the other instance rejected the request) or an {@link UnavailableException}. The
     * future completes on an event-loop thread: never block in its continuations.
     */
    public CompletableFuture<Answer> get(HostInfo host, String pathAndQuery) {
        return get(host, pathAndQuery, false);
    }

    /**
     * As {@link #get(HostInfo, String)}; with {@code allowStale} the call carries {@link #ALLOW_STALE_HEADER}, so a
     * caller that asked for stale reads by header (not in the query string) is served a standby copy there too.
     */
    public CompletableFuture<Answer> get(HostInfo host, String pathAndQuery, boolean allowStale) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host.host())
                .setPort(host.port())
                .setURI(pathAndQuery)
                .setTimeout(timeout.toMillis())
                .putHeader(FORWARDED_HEADER, self)
                .putHeader("Accept", "application/json");
        if (allowStale) {
            request.putHeader(ALLOW_STALE_HEADER, "true");
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            // body() is asked for within send()'s callback: Vert.x runs it on the request's event loop, the thread it
            // later hands the reply's body and end to, so body() is in place before they come. Asked for in a step
            // chained here instead, by the calling thread (a worker, a test), it can come too late: when that thread
            // is off the CPU for the moment the other instance takes to answer, the step finds the response already
            // there and runs as a later event-loop task, after Vert.x has handled the reply's end; body() then never
            // completes (nor does Vert.x's request timeout fire: the exchange is over), and a call answered at once
            // waits for its deadline. Steps chained here only judge a reply already read.
            client.request(request)
                    .compose(sent -> sent.send().compose(response -> response.body().map(body -> new Reply(
                            response.statusCode(), response.getHeader(STALE_HEADER),
                            response.getHeader(SERVED_BY_HEADER), body.toString(StandardCharsets.UTF_8)))))
                    .onComplete(outcome -> {
                        if (outcome.succeeded()) {
                            try {
                                answer.complete(toAnswer(host, outcome.result()));
                            } catch (RuntimeException e) {
                                answer.completeExceptionally(e);
                            }
                        } else {
                            answer.completeExceptionally(unavailability(host, outcome.cause()));
                        }
                    });
        } catch (RuntimeException e) {
            answer.completeExceptionally(new UnavailableException("instance " + host + " has an unusable address",
                    e));
        }
        // Vert.x's request timeout bounds the connect (and the wait for a pooled connection) and each silence, not
        // the whole exchange: this is the overall deadline.
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return answer.exceptionallyCompose(error -> CompletableFuture.failedFuture(unavailability(host,
                error instanceof CompletionException && error.getCause() != null ? error.getCause() : error)));
    }

    /** Blocking form of {@link #get}, bounded by the timeout; not for event-loop threads. */
    public Answer getNow(HostInfo host, String pathAndQuery) {
        try {
            return get(host, pathAndQuery).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private RuntimeException unavailability(HostInfo host, Throwable cause) {
        if (cause instanceof BadQueryException || cause instanceof UnavailableException) {
            return (RuntimeException) cause;
        }
        String why = cause instanceof TimeoutException ? "did not answer within " + timeout
                : cause instanceof IOException ? "cannot be reached (" + cause.getMessage() + ")"
                : String.valueOf(cause);
        return new UnavailableException("instance " + host + " " + why, cause);
    }

    /** What came back from the other instance, read to its end. */
    private record Reply(int status, String staleHeader, String servedBy, String body) {
    }

    private static Answer toAnswer(HostInfo host, Reply reply) {
        int status = reply.status();
        String body = reply.body();
        if (status == 200) {
            return Answer.forwarded(body, Boolean.parseBoolean(reply.staleHeader()),
                    reply.servedBy() != null ? reply.servedBy() : host.host() + ":" + host.port());
        }
        if (status == 400) {
            // Both instances run the same validation; a 400 here means the request itself is wrong.
            throw new BadQueryException(ErrorBody.messageOf(body));
        }
        throw new UnavailableException("instance " + host + " answered " + status + ": " + ErrorBody.messageOf(body));
    }
}
