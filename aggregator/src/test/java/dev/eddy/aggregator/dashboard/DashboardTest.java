package dev.eddy.aggregator.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.testing.KafkaTestClient;
import dev.eddy.testing.TempDirTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The dashboard on a running aggregator over a real broker, fed a fixed set of clicks, dead letters and late events:
 * the snapshot agrees with the query API and with what was produced, the event stream pushes snapshots over real
 * HTTP, and the page itself renders those numbers in headless Chromium ({@link BrowserRun}).
 */
@QuarkusTest
@QuarkusTestResource(value = OwnBrokerResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TempDirTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "property", value = "kafka-streams.state.dir"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DashboardTestData data;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void produce() {
        data = new DashboardTestData(System.currentTimeMillis());
        try (KafkaTestClient kafka = new KafkaTestClient(OwnBrokerResource.broker)) {
            data.produce(kafka);
        }
    }

    @Test
    @Order(1)
    void snapshotShowsWhatWasProducedAndAgreesWithTheQueryApi() {
        // 1. Wait until every click is aggregated and the side topics have been tailed. Early snapshots lack the
        //    panels that have no data yet (their paths read as null): keep polling through those.
        JsonPath snapshot = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(NullPointerException.class)
                .until(() -> given().get("/api/v1/dashboard").then().statusCode(200).extract().jsonPath(),
                        s -> s.getLong("top_pages.data.pages.collect { it.views }.sum() ?: 0") == data.clicks.size()
                                && s.getInt("sessions.data.sessions") == DashboardTestData.SESSIONS
                                && s.getList("pipeline.dead_letters.latest").size() == DashboardTestData.DEAD_LETTERS
                                && s.getList("pipeline.late_events.latest").size() == DashboardTestData.LATE_EVENTS);
        assertThat(snapshot.getLong("interval_ms")).isEqualTo(700);
        long now = snapshot.getLong("generated_at");
        long from = now - snapshot.getLong("history_ms");

        // 2. Page views and errors per minute are the totals the API answers for the same range.
        JsonPath totals = given().get("/api/v1/totals?from=" + from + "&to=" + now).then().statusCode(200)
                .extract().jsonPath();
        assertThat(totals.getLong("events")).isEqualTo(data.clicks.size());
        assertThat(snapshot.getList("page_views_per_minute.data.events", Long.class))
                .isEqualTo(totals.getList("windows.events", Long.class));
        assertThat(snapshot.getList("page_views_per_minute.data.errors", Long.class).stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(data.errors());

        // 3. Top pages: the seeded views, in order, as the API's top-pages answer.
        List<Map<String, Object>> top = snapshot.getList("top_pages.data.pages");
        assertThat(top).extracting(p -> p.get("page") + "=" + p.get("views"))
                .containsExactlyElementsOf(data.topPages().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
        JsonPath apiTop = given().get("/api/v1/top-pages?window=5m&n=10&start="
                + snapshot.getLong("top_pages.data.window_start")).then().statusCode(200).extract().jsonPath();
        assertThat(apiTop.getList("pages.page")).isEqualTo(snapshot.getList("top_pages.data.pages.page"));

        // 4. Errors by status with the threshold; sessions; city/level.
        assertThat(snapshot.getLong("errors_per_minute.data.alert_threshold")).isEqualTo(100);
        Map<Integer, Long> errorsByStatus = new LinkedHashMap<>();
        List<Map<String, Object>> errorRows = snapshot.getList("errors_per_minute.data.windows");
        errorRows.forEach(r -> errorsByStatus.merge((Integer) r.get("status"),
                ((Number) r.get("errors")).longValue(), Long::sum));
        assertThat(errorsByStatus).isEqualTo(data.errorsByStatus());
        assertThat(snapshot.getLong("sessions.data.active")).isEqualTo(DashboardTestData.SESSIONS);
        Map<String, Long> lengths = new LinkedHashMap<>();
        List<Map<String, Object>> buckets = snapshot.getList("sessions.data.lengths");
        buckets.forEach(b -> lengths.put((String) b.get("label"), ((Number) b.get("count")).longValue()));
        assertThat(lengths).isEqualTo(DashboardTestData.SESSION_LENGTHS);
        Map<String, Long> segments = new LinkedHashMap<>();
        List<Map<String, Object>> segmentRows = snapshot.getList("segments.data");
        segmentRows.forEach(s -> segments.put(s.get("city") + "/" + s.get("level"),
                ((Number) s.get("events")).longValue()));
        assertThat(segments).isEqualTo(data.segments().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

        // 5. Pipeline: offsets of the produced topics, the reasons carried by the dead-letter headers.
        assertThat(snapshot.getLong("pipeline.dead_letters.total")).isEqualTo(DashboardTestData.DEAD_LETTERS);
        assertThat(snapshot.getLong("pipeline.late_events.total")).isEqualTo(DashboardTestData.LATE_EVENTS);
        assertThat(snapshot.getBoolean("pipeline.dead_letters.exact")).isTrue();
        assertThat(snapshot.getList("pipeline.dead_letters.reasons.count", Integer.class)).containsExactly(2, 1);
        assertThat(snapshot.getList("pipeline.dead_letters.reasons.reason"))
                .containsExactly("malformed_json", "missing_field");
        assertThat(snapshot.getList("pipeline.dead_letters.latest.stage")).containsOnly("enricher.deserialize");
        assertThat(snapshot.getList("pipeline.late_events.latest.reason")).containsExactly("page-views-1m");
        assertThat(snapshot.getList("pipeline.stages.name")).containsExactly("generated", "enriched",
                "read by the enricher", "aggregated", "window results", "written to the lake");
        assertThat(snapshot.getBoolean("pipeline.stages.find { it.name == 'generated' }.present")).isTrue();

        // 6. Every panel fresh; the one instance holds every partition.
        for (String panel : List.of("page_views_per_minute", "top_pages", "errors_per_minute", "sessions",
                "segments", "instances")) {
            assertThat(snapshot.getString(panel + ".status")).as(panel).isEqualTo("ok");
        }
        assertThat(snapshot.getList("instance_states.state")).containsExactly("RUNNING");
        assertThat(snapshot.getList("instances.data.instances.stores.sessions.active.flatten()"))
                .containsExactly(0, 1);
    }

    @Test
    @Order(2)
    void aggregatedStageCatchesUpWithZeroLag() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/api/v1/dashboard").then().statusCode(200)
                        .body("pipeline.stages.find { it.name == 'aggregated' }.lag", equalTo(0))
                        .body("pipeline.stages.find { it.name == 'aggregated' }.group",
                                equalTo("eddy-aggregator-dashboard-test")));
    }

    @Test
    @Order(3)
    void eventStreamPushesOneSnapshotPerInterval() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "api/v1/dashboard/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).GET().build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            CompletableFuture.runAsync(() -> lines.filter(line -> line.startsWith("data:"))
                    .map(line -> line.substring("data:".length()).strip())
                    .limit(3)
                    .forEach(json -> events.add(read(json))))
                    .get(20, TimeUnit.SECONDS);
        }
        assertThat(events).hasSize(3);
        assertThat(events.get(1).get("generated_at").asLong()).isGreaterThan(events.get(0).get("generated_at").asLong());
        assertThat(events.get(2).get("generated_at").asLong()).isGreaterThan(events.get(1).get("generated_at").asLong());
        assertThat(events.get(2).path("top_pages").path("data").path("pages").size()).isPositive();
    }

    @Test
    @Order(4)
    void pagesAndInternalEndpoint() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("dashboard.js"));
        given().redirects().follow(false).get("/dashboard").then().statusCode(303)
                .header("Location", containsString("/"));
        given().get("/api/v1/internal/dashboard/sessions?partitions=x&from=0&activeSince=0").then().statusCode(400)
                .body("message", containsString("partitions"));
        given().get("/api/v1/internal/dashboard/sessions?partitions=0,1&from=0&activeSince=" + Long.MAX_VALUE)
                .then().statusCode(200).body("sessions", equalTo((int) DashboardTestData.SESSIONS))
                .body("active", equalTo(0));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/dashboard/events"))
                .body(org.hamcrest.Matchers.not(containsString("/api/v1/internal/dashboard")));
    }

    @Test
    @Order(5)
    void pageRendersTheSameNumbersInChromium() throws Exception {
        BrowserRun.Result run = BrowserRun.dashboardSpec(root.toString());
        assertThat(run.exitCode()).as("browser test output:\n" + run.output()).isZero();
        JsonNode shown = run.result();
        assertThat(shown.get("pv_total").asLong()).isEqualTo(data.clicks.size());
        assertThat(shown.get("err_total").asLong()).isEqualTo(data.errors());
        assertThat(shown.get("top").get(0).get("page").asText()).isEqualTo(data.topPages().get(0).getKey());
        assertThat(shown.get("top").get(0).get("views").asLong()).isEqualTo(data.topPages().get(0).getValue());
        assertThat(shown.get("sessions_total").asLong()).isEqualTo(DashboardTestData.SESSIONS);
        assertThat(shown.get("dlq_total").asLong()).isEqualTo(DashboardTestData.DEAD_LETTERS);
        assertThat(shown.get("late_total").asLong()).isEqualTo(DashboardTestData.LATE_EVENTS);
        assertThat(shown.get("rejected").size()).isEqualTo(DashboardTestData.DEAD_LETTERS
                + DashboardTestData.LATE_EVENTS);
        assertThat(shown.get("banner").asText()).isEqualTo("false");
        assertThat(run.screenshot()).exists().isNotEmptyFile();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("event data is not JSON: " + json, e);
        }
    }
}
