package dev.eddy.e2e.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The generator's {@code GET /api/v1/generator/status}, read over HTTP. */
public final class GeneratorStatus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GeneratorStatus() {
    }

    public static JsonNode read(String baseUrl) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/api/v1/generator/status")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("generator status unreadable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the bounded run reports {@code done}; fails at once when it reports {@code failed}. */
    public static JsonNode awaitDone(String baseUrl, Duration timeout) {
        JsonNode[] last = new JsonNode[1];
        Polling.until("generator run done", timeout, () -> {
            last[0] = read(baseUrl);
            String state = last[0].path("state").asText();
            if (state.equals("failed")) {
                throw new AssertionError("the generator run failed: " + last[0]);
            }
            return state.equals("done") ? null : "state " + state + ", sent " + last[0].path("sent");
        });
        return last[0];
    }
}
