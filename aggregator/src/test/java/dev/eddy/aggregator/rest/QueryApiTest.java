package dev.eddy.aggregator.rest;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaBrokerTestResource;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import dev.eddy.testing.TempDirTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static dev.eddy.aggregator.support.TestClicks.T0;
import static dev.eddy.aggregator.support.TestClicks.atSeconds;
import static dev.eddy.aggregator.support.TestClicks.click;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The real REST layer on a real broker: answers, status codes, 400 messages, OpenAPI, metrics, 503 when stopped. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, initArgs = @ResourceArg(name = "topics", value =
        "clickstream.enriched:2,clickstream.dlq:1,clickstream.late:1,clickstream.windows.user-activity-1m:1,"
                + "clickstream.windows.page-views-1m:1,clickstream.windows.page-views-5m:1,"
                + "clickstream.windows.sessions:1,clickstream.windows.errors-1m:1,"
                + "clickstream.windows.segment-activity-1m:1,clickstream.alerts.errors:1"))
@QuarkusTestResource(value = TempDirTestResource.class,
        initArgs = @ResourceArg(name = "property", value = "kafka-streams.state.dir"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryApiTest {

    private static final long MIN = 60_000;
    private static final String RANGE = "from=" + T0 + "&to=" + (T0 + 10 * MIN);

    @Inject
    KafkaStreams streams;

    @Test
    @Order(1)
    void answersFromTheStoresOnceClicksArrive() {
        // 1. Clicks of users 1 and 2 in the first two minutes, one of them an error.
        List<EnrichedClick> clicks = List.of(
                click(1, atSeconds(10), "/index.html"),
                click(1, atSeconds(20), "/site/login.html", 404),
                click(2, atSeconds(30), "/index.html"),
                click(1, atSeconds(70), "/index.html"));
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBrokers.shared())) {
            kafka.produce(clicks.stream().map(c -> new ProducerRecord<>(Topics.ENRICHED, c.key(), c)).toList(),
                    new StringSerializer(), EventSerdes.enrichedClick());
        }

        // 2. User activity per minute, read from the store (windows still open are visible too).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/v1/users/1/activity?" + RANGE).then().log().ifValidationFails().statusCode(200)
                        .body("userid", equalTo(1))
                        .body("windows.size()", equalTo(2))
                        .body("windows[0].events", equalTo(2))
                        .body("windows[1].events", equalTo(1)));

        // 3. Page views, top pages, sessions, totals, errors, segments.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/v1/totals?" + RANGE).then().statusCode(200)
                        .body("events", equalTo(4)).body("errors", equalTo(1)));
        given().get("/api/v1/page-views?page=/index.html&window=1m&" + RANGE).then().statusCode(200)
                .header("X-Eddy-Stale", "false")
                .body("windows.views", equalTo(List.of(2, 1)));
        given().get("/api/v1/top-pages?window=1m&start=" + T0 + "&n=1").then().statusCode(200)
                .body("window_start", equalTo(T0)).body("pages[0].page", equalTo("/index.html"))
                .body("pages[0].views", equalTo(2)).body("pages.size()", equalTo(1));
        given().get("/api/v1/users/1/sessions?" + RANGE).then().statusCode(200)
                .body("sessions[0].events", equalTo(3)).body("sessions[0].entry_page", equalTo("/index.html"));
        given().get("/api/v1/errors?" + RANGE).then().statusCode(200)
                .body("windows[0].status", equalTo(404)).body("windows[0].errors", equalTo(1))
                .body("windows[0].events", equalTo(3));
        given().get("/api/v1/segments?" + RANGE).then().statusCode(200)
                .body("windows[0].city", equalTo("London")).body("windows[0].events", equalTo(3));
        given().get("/api/v1/instances").then().statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("instances[0].self", equalTo(true))
                .body("instances[0].stores.'user-activity-1m'.active", equalTo(List.of(0, 1)));
    }

    @ParameterizedTest(name = "{0} -> 400 mentioning \"{1}\"")
    @Order(2)
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/v1/page-views?page=/a&window=2m&from=0&to=1000|window must be '1m'",
            "/api/v1/users/1/activity?from=2000&to=1000|must not be before",
            "/api/v1/users/1/activity?from=0&to=99999999999|wider than the limit",
            "/api/v1/users/abc/activity?from=0&to=1000|user id must be an integer",
            "/api/v1/users/-2/activity?from=0&to=1000|user id must be",
            "/api/v1/users/-1/sessions?from=0&to=1000|user id must be >= 0",
            "/api/v1/users/1/activity?to=1000|parameter 'from' is required",
            "/api/v1/users/1/activity?from=yesterday&to=1000|'from' must be epoch milliseconds or an ISO-8601",
            "/api/v1/users/1/activity?from=-290000000-01-01T00:00:00Z&to=1000|must be between 1970",
            "/api/v1/page-views?window=1m&from=0&to=1000|parameter 'page' is required",
            "/api/v1/page-views?page=index&window=1m&from=0&to=1000|page must be a path",
            "/api/v1/top-pages?window=1m&start=0&n=101|n must be an integer between 1 and 100",
            "/api/v1/top-pages?window=1m&start=0&n=0|n must be an integer between 1 and 100",
            "/api/v1/top-pages?window=1m|parameter 'start' is required",
            "/api/v1/errors?from=0&to=1000&status=200|status must be an HTTP error status",
            "/api/v1/totals?from=0&to=1000&allowStale=maybe|allowStale must be true or false",
            "/api/v1/internal/windows/nope?partitions=0&from=0&to=1|store must be one of",
            "/api/v1/internal/windows/errors-1m?partitions=x&from=0&to=1|partitions must be"})
    void badParametersGet400WithAMessage(String path, String message) {
        given().get(path).then().statusCode(400)
                .body("error", equalTo("bad_request"))
                .body("message", containsString(message));
    }

    @Test
    @Order(3)
    void changelogsThatExpireByTimeUseAppendTimeSoBackfilledWindowsSurviveARestore()
            throws ExecutionException, InterruptedException {
        // The clicks above are dated T0, long before now: with event-time stamps the broker would delete the
        // windows' changelog segments while the stores still count them, and a restore would lose those counts.
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBrokers.shared()); Admin admin = kafka.admin()) {
            List<ConfigResource> changelogs = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith("eddy-aggregator-test-") && name.endsWith("-changelog"))
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(changelogs).all().get();
            List<String> expiringByTime = configs.entrySet().stream()
                    .filter(e -> e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value().contains("delete"))
                    .map(e -> e.getKey().name()).sorted().toList();
            assertThat(expiringByTime).as("windowed and session store changelogs").hasSizeGreaterThanOrEqualTo(6);
            expiringByTime.forEach(topic -> assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC,
                    topic)).get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value()).as(topic)
                    .isEqualTo("LogAppendTime"));
        }
    }

    @Test
    @Order(4)
    void openApiAndMetricsArePublished() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/users/{userId}/activity"))
                .body(containsString("/api/v1/top-pages"));
        Response metrics = given().get("/q/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.asString())
                .contains("eddy_aggregator_records_in_total")
                .contains("eddy_aggregator_late_records_total{window=\"page-views-5m\"")
                .contains("eddy_aggregator_query_seconds_count{endpoint=\"user_activity\",outcome=\"ok\"")
                .contains("eddy_aggregator_query_seconds_count{endpoint=\"top_pages\",outcome=\"bad_request\"")
                .contains("kafka_stream_");
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    @Order(5)
    void whenKafkaStreamsIsNotRunningQueriesGet503WithRetryAfterAndBadOnesStill400() {
        // 1. Stop the streams client as a crash or shutdown would.
        streams.close(Duration.ofSeconds(30));
        assertThat(streams.state()).isIn(KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);

        // 2. Data queries say so with 503 and Retry-After, promptly; stale reads cannot help either.
        given().get("/api/v1/users/1/activity?" + RANGE).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("unavailable"));
        given().get("/api/v1/users/1/activity?allowStale=true&" + RANGE).then().statusCode(503)
                .header("Retry-After", "2");
        given().get("/api/v1/top-pages?window=5m&start=" + T0).then().statusCode(503);
        given().get("/api/v1/totals?" + RANGE).then().statusCode(503);

        // 3. Bad input is still a 400, never a 5xx; instance metadata still answers with the state.
        given().get("/api/v1/users/x/activity?" + RANGE).then().statusCode(400);
        given().get("/api/v1/instances").then().statusCode(200).body("state", equalTo(streams.state().name()));
    }
}
