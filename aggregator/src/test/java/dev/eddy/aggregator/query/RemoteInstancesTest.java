package dev.eddy.aggregator.query;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Instance-to-instance calls against a real HTTP server standing in for the other instance. */
class RemoteInstancesTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static RemoteInstances remote;
    private static RemoteInstances impatient;
    private static HostInfo other;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                // Echoes what an instance decides with: who forwarded, and whether stale reads were asked for.
                case "/echo" -> request.response().putHeader(RemoteInstances.SERVED_BY_HEADER, "other:1")
                        .end("{\"forwarded_by\":\"" + request.getHeader(RemoteInstances.FORWARDED_HEADER)
                                + "\",\"allow_stale\":\"" + request.getHeader(RemoteInstances.ALLOW_STALE_HEADER)
                                + "\"}");
                // Sends the headers and then a byte now and then, never finishing: no single silence is long.
                case "/trickle" -> {
                    request.response().setChunked(true).write(" ");
                    long timer = vertx.setPeriodic(100, id -> request.response().write(" "));
                    request.connection().closeHandler(closed -> vertx.cancelTimer(timer));
                }
                case "/bad" -> request.response().setStatusCode(400).end("{\"message\":\"from must be before to\"}");
                default -> request.response().setStatusCode(404).end();
            }
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        other = new HostInfo("127.0.0.1", server.actualPort());
        // Generous for the ordinary calls (the first one in a cold JVM loads and compiles the client); short for the
        // one that must time out.
        remote = new RemoteInstances(vertx, new HostInfo("self", 8083), Duration.ofSeconds(10));
        impatient = new RemoteInstances(vertx, new HostInfo("self", 8083), Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallSaysWhoForwardedItAndPassesOnAStaleReadAskedForByHeader() {
        Answer fresh = remote.getNow(other, "/echo");
        assertThat(fresh.json()).isEqualTo("{\"forwarded_by\":\"self:8083\",\"allow_stale\":\"null\"}");
        assertThat(fresh.servedBy()).isEqualTo("other:1");

        Answer stale = remote.get(other, "/echo", true).join();
        assertThat(stale.json()).contains("\"allow_stale\":\"true\"");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without a deadline: waits forever
    void anAnswerThatNeverCompletesFailsAsUnavailableWithinTheTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.getNow(other, "/trickle"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("did not answer within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCallerDescheduledWhileTheOtherInstanceAnswersStillGetsTheAnswer() {
        // The answer came back at once but was lost when the caller's thread, after chaining the send, was off the CPU
        // until the reply's head had been read (seen once in a full build: the call waited for its deadline).
        Duration deadline = Duration.ofSeconds(3);
        RemoteInstances descheduled = new RemoteInstances(
                descheduledAfterItsFirstStep(vertx.createHttpClient(RemoteInstances.clientOptions(deadline)), deadline),
                new HostInfo("self", 8083), deadline);

        Answer answer = descheduled.get(other, "/echo", true).join();
        assertThat(answer.json()).isEqualTo("{\"forwarded_by\":\"self:8083\",\"allow_stale\":\"true\"}");
        assertThat(answer.servedBy()).isEqualTo("other:1");
        assertThatThrownBy(() -> descheduled.getNow(other, "/bad"))
                .isInstanceOf(BadQueryException.class).hasMessage("from must be before to");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void manyCallersOnTheirOwnThreadsShareThePooledConnectionsAndAllGetTheirAnswers() throws Exception {
        int callers = 8;
        int callsEach = 150;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                int first = caller;
                done.add(CompletableFuture.runAsync(() -> {
                    for (int call = first; call < first + callsEach; call++) {
                        if (call % 3 == 0) {
                            assertThatThrownBy(() -> remote.getNow(other, "/bad"))
                                    .isInstanceOf(BadQueryException.class).hasMessage("from must be before to");
                        } else {
                            boolean stale = call % 2 == 0;
                            assertThat(remote.get(other, "/echo", stale).join().json())
                                    .contains("\"allow_stale\":\"" + (stale ? "true" : "null") + "\"");
                        }
                    }
                }, threads));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(50, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRejectionByTheOtherInstanceIsABadQueryAndAnUnreachableOneIsUnavailable() {
        assertThatThrownBy(() -> remote.getNow(other, "/bad"))
                .isInstanceOf(BadQueryException.class).hasMessage("from must be before to");
        assertThatThrownBy(() -> remote.get(new HostInfo("127.0.0.1", 1), "/echo").join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(UnavailableException.class);
    }

    /**
     * The client, except that a thread outside Vert.x that chains a step onto a request is then held until that step
     * has its outcome: what a busy machine now and then does to a calling thread between two statements. A step the
     * caller chains after that finds its input already complete.
     */
    private static HttpClient descheduledAfterItsFirstStep(HttpClient client, Duration atMost) {
        return proxy(HttpClient.class, client, (method, result) -> method.getName().equals("request")
                && result instanceof Future<?> request ? proxy(Future.class, request, (chained, next) -> {
                    if (chained.getName().equals("compose") && next instanceof Future<?> step
                            && !Context.isOnVertxThread()) {
                        try {
                            step.toCompletionStage().toCompletableFuture().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (Exception failedOrLate) {
                            // the caller goes on as it would have, and its own deadline judges the call
                        }
                    }
                    return next;
                }) : result);
    }

    private interface AfterCall {
        Object apply(Method method, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Object target, AfterCall after) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
