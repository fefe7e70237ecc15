package dev.eddy.launcher.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a running service whether it is ready, through its SmallRye Health endpoint. */
public final class ServiceHealth {

    public enum State { STARTING, READY, NOT_READY }

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public State probe(String host, int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/q/health/ready"))
                .timeout(TIMEOUT).GET().build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? State.READY : State.NOT_READY;
        } catch (IOException e) {
            return State.STARTING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return State.STARTING;
        }
    }

    /** Whether {@code path} answers 200, e.g. to show a dashboard link only when the service serves one. */
    public boolean answers(String host, int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(TIMEOUT).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
