package dev.eddy.aggregator.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.aggregator.support.TestClicks;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard stream with two packaged instances: a snapshot from either one shows both instances and merges the
 * business panels across them (sessions of partitions held by the other instance included); when one instance
 * crashes, the survivor's stream says so and, once it has taken over, shows the same numbers again.
 */
class DashboardTwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final int USERS = 12;

    private static KafkaBroker broker;
    private static AggregatorProcess first;
    private static AggregatorProcess second;
    private static final List<EnrichedClick> clicks = new ArrayList<>();

    @BeforeAll
    static void startTwoInstancesAndProduce() throws Exception {
        // A broker of its own: these clicks carry the current time and must not meet the other tests' topics.
        broker = KafkaBrokers.startNew();
        try (KafkaTestClient kafka = new KafkaTestClient(broker)) {
            kafka.createTopic(Topics.ENRICHED, 4);
            for (String topic : List.of(Topics.DEAD_LETTERS, Topics.LATE_EVENTS, Topics.USER_ACTIVITY_1M,
                    Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M, Topics.SESSIONS, Topics.ERRORS_1M,
                    Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS)) {
                kafka.createTopic(topic, 1);
            }
            Path workDir = Files.createDirectories(Path.of("target", "dashboard-it-" + System.nanoTime()));
            Map<String, String> settings = Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "quarkus.kafka-streams.application-id", "eddy-aggregator-dashboard-it",
                    "eddy.aggregator.standby-replicas", "1",
                    "kafka-streams.session.timeout.ms", "15000");
            first = AggregatorProcess.start("first", workDir, settings);
            second = AggregatorProcess.start("second", workDir, settings);
            await("both instances running with tasks").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                    .untilAsserted(() -> {
                        assertThat(first.isAlive()).as("first alive, see " + first.log()).isTrue();
                        assertThat(second.isAlive()).as("second alive, see " + second.log()).isTrue();
                        for (AggregatorProcess instance : List.of(first, second)) {
                            JsonNode instances = JSON.readTree(get(instance, "/api/v1/instances"));
                            assertThat(instances.get("state").asText()).isEqualTo("RUNNING");
                            assertThat(instances.get("instances")).hasSize(2);
                        }
                    });

            // Two clicks per user, 20 s apart, in the minute before now, in event-time order.
            long base = Math.floorDiv(System.currentTimeMillis(), 60_000L) * 60_000L - 60_000L;
            for (int second = 0; second < 40; second += 20) {
                for (int user = 0; user < USERS; user++) {
                    clicks.add(TestClicks.click(user, base + (second + user) * 1000L, "/page/" + (user % 3)));
                }
            }
            kafka.produce(clicks.stream().map(c -> new ProducerRecord<>(Topics.ENRICHED, c.key(), c)).toList(),
                    new StringSerializer(), EventSerdes.enrichedClick());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AggregatorProcess instance : new AggregatorProcess[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eitherInstanceStreamsTheMergedPictureAndTheSurvivorSaysWhenTheOtherIsGone() throws Exception {
        // 1. Both streams show both instances running and every click and session, merged across the instances.
        for (AggregatorProcess instance : List.of(first, second)) {
            JsonNode snapshot = awaitEvent(instance, Duration.ofSeconds(90), s ->
                    s.path("instance_states").size() == 2
                            && states(s).equals(Set.of("RUNNING"))
                            && s.path("sessions").path("data").path("sessions").asLong() == USERS
                            && topPagesViews(s) == clicks.size());
            assertThat(snapshot.path("sessions").path("data").path("active").asLong()).isEqualTo(USERS);
            assertThat(snapshot.path("page_views_per_minute").path("status").asText()).isEqualTo("ok");
            Set<String> holders = new HashSet<>();
            snapshot.path("instances").path("data").path("instances").forEach(i -> {
                if (i.path("stores").path("sessions").path("active").size() > 0) {
                    holders.add(i.path("host").asText() + ":" + i.path("port").asInt());
                }
            });
            assertThat(holders).as("session partitions are spread, so the merge crossed instances")
                    .containsExactlyInAnyOrder(first.address(), second.address());
        }

        // 2. The second instance crashes: the first one's stream names it as not running.
        second.kill();
        awaitEvent(first, Duration.ofSeconds(30), s -> {
            for (JsonNode state : s.path("instance_states")) {
                if (state.path("instance").asText().equals(second.address())) {
                    return state.path("state").asText().equals("UNREACHABLE");
                }
            }
            return false;
        });

        // 3. Once the group notices, the survivor holds everything and shows the same numbers again.
        JsonNode after = awaitEvent(first, Duration.ofSeconds(90), s ->
                s.path("instance_states").size() == 1
                        && states(s).equals(Set.of("RUNNING"))
                        && s.path("sessions").path("data").path("sessions").asLong() == USERS
                        && topPagesViews(s) == clicks.size());
        assertThat(after.path("instance_states").get(0).path("instance").asText()).isEqualTo(first.address());
    }

    private static Set<String> states(JsonNode snapshot) {
        Set<String> states = new HashSet<>();
        snapshot.path("instance_states").forEach(s -> states.add(s.path("state").asText()));
        return states;
    }

    private static long topPagesViews(JsonNode snapshot) {
        long views = 0;
        for (JsonNode page : snapshot.path("top_pages").path("data").path("pages")) {
            views += page.path("views").asLong();
        }
        return views;
    }

    /** Reads the instance's event stream until a snapshot matches, failing after the timeout with the last one. */
    private static JsonNode awaitEvent(AggregatorProcess instance, Duration timeout, Predicate<JsonNode> wanted)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/v1/dashboard/events"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode[] last = new JsonNode[1];
        try (Stream<String> lines = response.body()) {
            CompletableFuture<JsonNode> found = CompletableFuture.supplyAsync(() -> lines
                    .filter(line -> line.startsWith("data:"))
                    .map(line -> {
                        try {
                            return last[0] = JSON.readTree(line.substring("data:".length()));
                        } catch (IOException e) {
                            throw new AssertionError("event data is not JSON: " + line, e);
                        }
                    })
                    .filter(wanted)
                    .findFirst().orElseThrow());
            try {
                return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no matching snapshot from " + instance.address() + " within " + timeout
                        + "; last one: " + last[0], e);
            }
        }
    }

    private static String get(AggregatorProcess instance, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
