package dev.eddy.e2e.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.events.SessionSummary;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The aggregator's query API (/api/v1, docs/api.md) as the checks use it: over real HTTP, like any user. */
public final class AggregatorApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    public AggregatorApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Views of one page per 1-minute window whose start lies in [from, to]. */
    public Map<Long, Long> pageViews(String page, long from, long to) {
        JsonNode body = get("/api/v1/page-views?window=1m&page=" + URLEncoder.encode(page, StandardCharsets.UTF_8)
                + "&from=" + from + "&to=" + to);
        Map<Long, Long> views = new TreeMap<>();
        body.get("windows").forEach(w -> views.put(w.get("window_start").asLong(), w.get("views").asLong()));
        return views;
    }

    /** All clicks per 1-minute window whose start lies in [from, to]. */
    public Map<Long, Long> totals(long from, long to) {
        JsonNode body = get("/api/v1/totals?from=" + from + "&to=" + to);
        Map<Long, Long> events = new TreeMap<>();
        body.get("windows").forEach(w -> events.put(w.get("window_start").asLong(), w.get("events").asLong()));
        return events;
    }

    /** Sessions of one user overlapping [from, to], the open one included. */
    public List<SessionSummary> sessions(int userId, long from, long to) {
        JsonNode body = get("/api/v1/users/" + userId + "/sessions?from=" + from + "&to=" + to);
        List<SessionSummary> sessions = new ArrayList<>();
        for (JsonNode node : body.get("sessions")) {
            try {
                sessions.add(JSON.treeToValue(node, SessionSummary.class));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable session " + node + ": " + e.getMessage(), e);
            }
        }
        return sessions;
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // 503 while starting or restoring is expected right after a restart; the caller polls again.
                throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
