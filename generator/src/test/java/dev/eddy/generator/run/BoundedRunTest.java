package dev.eddy.generator.run;

import dev.eddy.events.Topics;
import dev.eddy.generator.config.GeneratorConfig;
import dev.eddy.generator.config.SettingsMapper;
import dev.eddy.generator.simulation.Emission;
import dev.eddy.generator.simulation.Simulation;
import dev.eddy.generator.simulation.SimulationSettings;
import dev.eddy.testing.KafkaBrokerTestResource;
import dev.eddy.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The shipped service against a real broker: a bounded run, as fast as possible, controlled over HTTP; what lands in
 * Kafka is compared byte for byte with a second run of the simulation with the same settings.
 */
@QuarkusTest
@TestProfile(BoundedRunTest.Bounded.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, initArgs = @ResourceArg(name = "topics",
        value = "clickstream:3,clickstream.users:3,clickstream.truth.page-views-1m:2,clickstream.truth.sessions:2"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoundedRunTest {

    static final int MAX_EVENTS = 3_000;

    public static class Bounded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A recent start: the broker's time-based retention would delete records with old timestamps at once.
            return Map.of("eddy.generator.pacing", "as-fast-as-possible",
                    "eddy.generator.max-events", Integer.toString(MAX_EVENTS),
                    "eddy.generator.start-time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    "eddy.generator.rate", "100",
                    "eddy.generator.session-gap", "5m",
                    "eddy.generator.think-time.max", "2m");
        }
    }

    private static final List<String> TOPICS = List.of(Topics.CLICKS, Topics.USERS, Topics.TRUTH_PAGE_VIEWS,
            Topics.TRUTH_SESSIONS);
    private static TopicOffsets offsets;

    @Inject
    GeneratorConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    @Order(1)
    void waitsForStartAndIsReady() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            // As deployed: the users table is compacted, so users registered long before the start stay; the other
            // topics keep everything for the comparison below.
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String topic : TOPICS) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                        new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET),
                        new AlterConfigOp(new ConfigEntry("cleanup.policy",
                                topic.equals(Topics.USERS) ? "compact" : "delete"), AlterConfigOp.OpType.SET)));
            }
            kafka.admin().incrementalAlterConfigs(changes).all().get();
        }
        offsets = new TopicOffsets(bootstrapServers);
        TOPICS.forEach(offsets::mark);
        String start = config.startTime().orElseThrow().toString();

        given().get("/api/v1/generator/status").then().statusCode(200)
                .body("state", equalTo("stopped"))
                .body("running", equalTo(false))
                .body("sent", equalTo(0))
                .body("seed", equalTo(7))
                .body("max_events", equalTo(MAX_EVENTS))
                .body("simulated_time", equalTo(start));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @Order(2)
    void rejectsBadRatesWithAMessageAndAcceptsGoodOnes() {
        given().contentType(ContentType.JSON).body("{\"events_per_second\": -5}").put("/api/v1/generator/rate")
                .then().statusCode(400).body("error", containsString("must be > 0"));
        given().contentType(ContentType.JSON).body("{\"events_per_second\": \"fast\"}").put("/api/v1/generator/rate")
                .then().statusCode(400).body("error", containsString("must be a number"));
        given().contentType(ContentType.JSON).body("{\"rate\": 5}").put("/api/v1/generator/rate")
                .then().statusCode(400).body("error", containsString("events_per_second is required"));
        given().contentType(ContentType.JSON).body("{not json").put("/api/v1/generator/rate")
                .then().statusCode(400).body("error", containsString("body must be JSON"));
        given().contentType(ContentType.JSON).body("{\"events_per_second\": 1e12}").put("/api/v1/generator/rate")
                .then().statusCode(400).body("error", containsString("<= 10000000"));

        given().contentType(ContentType.JSON).body("{\"events_per_second\": 800}").put("/api/v1/generator/rate")
                .then().statusCode(200).body("rate", equalTo(800.0f));
        // Back to the configured rate, so the run below is the one a fresh simulation reproduces.
        given().contentType(ContentType.JSON).body("{\"events_per_second\": 100}").put("/api/v1/generator/rate")
                .then().statusCode(200).body("rate", equalTo(100.0f));
    }

    @Test
    @Order(3)
    void aBoundedRunEmitsExactlyWhatTheSimulationEmitsIntoTheBroker() {
        given().post("/api/v1/generator/start").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/generator/status").then()
                .body("state", equalTo("done")).body("clicks_emitted", equalTo(MAX_EVENTS)));

        SimulationSettings settings = SettingsMapper.toSettings(config, 7, config.startTime().orElseThrow()
                .toEpochMilli());
        Simulation reference = new Simulation(settings);
        Map<String, Map<Integer, List<Emission>>> expected = new HashMap<>();
        for (Emission e = reference.next(); e != null; e = reference.next()) {
            int partition = Utils.toPositive(Utils.murmur2(e.key().getBytes(StandardCharsets.UTF_8)))
                    % offsets.partitionCount(e.topic());
            expected.computeIfAbsent(e.topic(), t -> new HashMap<>())
                    .computeIfAbsent(partition, p -> new ArrayList<>()).add(e);
        }

        long total = 0;
        for (String topic : TOPICS) {
            Map<Integer, List<Emission>> want = expected.get(topic);
            int count = want.values().stream().mapToInt(List::size).sum();
            total += count;
            Map<Integer, List<ConsumerRecord<byte[], byte[]>>> got = offsets.readAfterMark(topic, count,
                    Duration.ofSeconds(30));
            assertThat(got.keySet()).as("partitions of %s", topic).isEqualTo(want.keySet());
            want.forEach((partition, emissions) -> {
                List<ConsumerRecord<byte[], byte[]>> records = got.get(partition);
                assertThat(records).as("%s-%d", topic, partition).hasSameSizeAs(emissions);
                for (int i = 0; i < emissions.size(); i++) {
                    Emission e = emissions.get(i);
                    ConsumerRecord<byte[], byte[]> r = records.get(i);
                    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.key());
                    assertThat(r.value()).as("%s-%d record %d", topic, partition, i).isEqualTo(e.valueBytes());
                    assertThat(r.timestamp()).isEqualTo(e.timestamp());
                }
            });
        }
        assertThat(expected.get(Topics.CLICKS).values().stream().mapToInt(List::size).sum()).isEqualTo(MAX_EVENTS);
        given().get("/api/v1/generator/status").then().body("sent", equalTo((int) total))
                .body("send_errors", equalTo(0));
    }

    @Test
    @Order(4)
    void metricsCountWhatWasSent() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("eddy_generator_events_sent_total{topic=\"clickstream\"} " + MAX_EVENTS + ".0")
                .containsPattern("eddy_generator_events_sent_total\\{topic=\"clickstream.users\"} [1-9]")
                .containsPattern("eddy_generator_events_sent_total\\{topic=\"clickstream.truth.sessions\"} [1-9]")
                .contains("eddy_generator_send_errors_total{topic=\"clickstream\"} 0.0")
                .contains("eddy_generator_target_rate_events_per_second 100.0");
    }

    @Test
    @Order(5)
    void aFinishedBoundedRunCannotBeStartedAgain() {
        given().post("/api/v1/generator/start").then().statusCode(409)
                .body("error", containsString("max-events reached"));
        given().get("/api/v1/generator/status").then().body("state", equalTo("done"));
    }
}
