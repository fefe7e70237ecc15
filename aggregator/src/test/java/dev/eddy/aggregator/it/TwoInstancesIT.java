package dev.eddy.aggregator.it;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.eddy.aggregator.query.model.PageViewsResponse;
import dev.eddy.aggregator.query.model.SessionsResponse;
import dev.eddy.aggregator.query.model.TopPagesResponse;
import dev.eddy.aggregator.query.model.TotalsResponse;
import dev.eddy.aggregator.query.model.UserActivityResponse;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static dev.eddy.aggregator.support.TestClicks.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged aggregator instances (child processes: real Quarkus, real HTTP, real forwarding) against one real
 * broker. Every query gives the same, correct answer whichever instance it is sent to; after one instance stops,
 * the other answers every key once it has taken over (and restored) its partitions.
 *
 * <p>"Correct" is checked against an independent recomputation ({@link ExpectedAggregates}) from a seeded,
 * deterministic set of enriched clicks built here; the comparison with the generator's own ground truth belongs to
 * the end-to-end module, since services never depend on each other's code.
 */
class TwoInstancesIT {

    private static final long MINUTE = 60_000;
    private static final long SESSION_GAP = 2 * MINUTE;
    private static final List<String> PAGES = List.of("/index.html", "/site/login.html", "/site/user_status.html",
            "/images/track.png", "/images/logo-small.png", "/products/1", "/products/2", "/cart");
    private static final int USERS = 25;
    /**
     * Event times start 40 minutes before now. Not a fixed date: changelog topics keep windowed state for retention +
     * 1 day of record time, so months-old timestamps would be deleted by the broker and a restore would miss them.
     */
    private static final long T0 = Math.floorDiv(System.currentTimeMillis() - 40 * MINUTE, 5 * MINUTE) * 5 * MINUTE;
    private static final String RANGE = "from=" + (T0 - 10 * MINUTE) + "&to=" + (T0 + 60 * MINUTE);

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static Path workDir;
    private static AggregatorProcess first;
    private static AggregatorProcess second;
    private static List<EnrichedClick> clicks;
    private static ExpectedAggregates expected;

    @BeforeAll
    static void startTwoInstancesAndProduce() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared();
        try (KafkaTestClient kafka = new KafkaTestClient(broker)) {
            kafka.createTopic(Topics.ENRICHED, 6);
            for (String topic : List.of(Topics.DEAD_LETTERS, Topics.LATE_EVENTS, Topics.USER_ACTIVITY_1M,
                    Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M, Topics.SESSIONS, Topics.ERRORS_1M,
                    Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS)) {
                kafka.createTopic(topic, 2);
            }
            workDir = Files.createDirectories(Path.of("target", "two-instances-it-" + System.nanoTime()));
            // Lateness is judged per input partition, so a backlog read at any pace is on time as long as each
            // partition is in event-time order; a grace of one hour keeps every click on time whatever order the
            // seeded clicks have. Lateness itself is covered by the topology tests.
            Map<String, String> settings = new java.util.HashMap<>(Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "quarkus.kafka-streams.application-id", "eddy-aggregator-it",
                    "eddy.aggregator.standby-replicas", "1",
                    "eddy.aggregator.sessions.inactivity-gap", "2M",
                    "eddy.aggregator.advertised-host", "localhost",
                    // A crashed instance keeps its partitions until its session times out: 20 s, long enough to
                    // observe 503 and stale reads, short enough for the test.
                    "kafka-streams.session.timeout.ms", "20000"));
            for (String window : List.of("user-activity", "page-views.tumbling", "page-views.hopping", "sessions",
                    "errors", "segments")) {
                settings.put("eddy.aggregator." + window + ".grace", "1H");
            }
            first = AggregatorProcess.start("first", workDir, settings);
            second = AggregatorProcess.start("second", workDir, settings);

            // 1. Both instances up and sharing the work.
            await("both instances running with tasks").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                    .untilAsserted(() -> {
                        assertThat(first.isAlive()).as("first alive, see " + first.log()).isTrue();
                        assertThat(second.isAlive()).as("second alive, see " + second.log()).isTrue();
                        for (AggregatorProcess instance : List.of(first, second)) {
                            JsonNode instances = JSON.readTree(get(instance, "/api/v1/instances").body());
                            assertThat(instances.get("state").asText()).isEqualTo("RUNNING");
                            assertThat(instances.get("instances")).hasSize(2);
                        }
                    });

            // 2. A seeded set of clicks, produced in event-time order.
            clicks = seededClicks(new Random(20261121L));
            expected = new ExpectedAggregates(clicks);
            kafka.produce(clicks.stream().map(c -> new ProducerRecord<>(Topics.ENRICHED, c.key(), c)).toList(),
                    new StringSerializer(), EventSerdes.enrichedClick());
        }
    }

    @AfterAll
    static void stopInstances() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void everyInstanceGivesTheSameCorrectAnswerAndTheSurvivorAnswersEverythingAfterTheOtherStops() throws Exception {
        // 3. All data is in: the totals fanned out over both instances match.
        for (AggregatorProcess instance : List.of(first, second)) {
            awaitAnswer(instance, "/api/v1/totals?" + RANGE, TotalsResponse.class, totals -> {
                assertThat(totals.events()).isEqualTo(expected.totalEvents());
                assertThat(totals.errors()).isEqualTo(expected.totalErrors());
            });
        }

        // 4. Every key, asked of either instance, gets the expected answer; some were served by the other one.
        Set<String> servedBy = new HashSet<>();
        for (AggregatorProcess instance : List.of(first, second)) {
            servedBy.addAll(checkEveryKey(instance));
        }
        assertThat(servedBy).containsExactlyInAnyOrder(first.address(), second.address());

        // 5. Top pages merged across instances.
        for (long minute = 0; minute < 20; minute += 7) {
            long start = T0 + minute * MINUTE;
            for (AggregatorProcess instance : List.of(first, second)) {
                awaitAnswer(instance, "/api/v1/top-pages?window=1m&n=3&start=" + start, TopPagesResponse.class,
                        top -> assertThat(top.pages()).isEqualTo(expected.topPages1m(start, 3)));
            }
        }

        // 6. Crash the second instance. Until its session times out it still owns its partitions, so the first
        //    instance cannot forward to it: 503 with Retry-After, unless the caller accepts a stale read, which the
        //    first instance's standby copy answers, saying so.
        int userOnSecond = userOwnedBy(second);
        second.kill();
        String path = "/api/v1/users/" + userOnSecond + "/activity?" + RANGE;
        HttpResponse<String> unavailable = get(first, path);
        assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> stale = get(first, path + "&allowStale=true");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Eddy-Stale")).hasValue("true");
        assertThat(JSON.readValue(stale.body(), UserActivityResponse.class).windows())
                .isEqualTo(expected.userActivity(userOnSecond));

        // 7. Once the group notices, the first instance takes over every partition and answers every key itself.
        assertThat(checkEveryKey(first)).containsExactly(first.address());
        awaitAnswer(first, "/api/v1/totals?" + RANGE, TotalsResponse.class,
                totals -> assertThat(totals.events()).isEqualTo(expected.totalEvents()));
    }

    /** A user whose activity partition is active on {@code instance}, per the instance metadata. */
    private static int userOwnedBy(AggregatorProcess instance) throws Exception {
        JsonNode instances = JSON.readTree(get(first, "/api/v1/instances").body()).get("instances");
        Set<Integer> owned = new HashSet<>();
        for (JsonNode node : instances) {
            if (node.get("port").asInt() == instance.port()) {
                node.get("stores").get("user-activity-1m").get("active").forEach(p -> owned.add(p.asInt()));
            }
        }
        for (int user = 0; user < USERS; user++) {
            byte[] key = Integer.toString(user).getBytes(StandardCharsets.UTF_8);
            if (owned.contains(Utils.toPositive(Utils.murmur2(key)) % 6)) {
                return user;
            }
        }
        throw new AssertionError("no user on " + instance.address() + " (partitions " + owned + ")");
    }

    /** Checks every user and page on one instance (waiting where needed); returns who served the answers. */
    private static Set<String> checkEveryKey(AggregatorProcess instance) {
        Set<String> servedBy = new TreeSet<>();
        for (int user = -1; user < USERS; user++) {
            int userId = user;
            servedBy.add(awaitAnswer(instance, "/api/v1/users/" + userId + "/activity?" + RANGE,
                    UserActivityResponse.class,
                    response -> assertThat(response.windows()).isEqualTo(expected.userActivity(userId))));
            if (userId >= 0) {
                servedBy.add(awaitAnswer(instance, "/api/v1/users/" + userId + "/sessions?" + RANGE,
                        SessionsResponse.class,
                        response -> assertThat(response.sessions())
                                .isEqualTo(expected.sessions(userId, SESSION_GAP))));
            }
        }
        for (String page : PAGES) {
            String encoded = URLEncoder.encode(page, StandardCharsets.UTF_8);
            servedBy.add(awaitAnswer(instance, "/api/v1/page-views?window=1m&page=" + encoded + "&" + RANGE,
                    PageViewsResponse.class,
                    response -> assertThat(response.windows()).isEqualTo(expected.pageViews1m(page))));
            servedBy.add(awaitAnswer(instance, "/api/v1/page-views?window=5m&page=" + encoded + "&" + RANGE,
                    PageViewsResponse.class,
                    response -> assertThat(response.windows()).isEqualTo(expected.pageViews5m(page))));
        }
        return servedBy;
    }

    private interface Check<T> {
        void verify(T response) throws Exception;
    }

    /** Polls until the instance answers 200 with a body that passes the check; returns the served-by header. */
    private static <T> String awaitAnswer(AggregatorProcess instance, String path, Class<T> type, Check<T> check) {
        String[] served = new String[1];
        await(path + " on " + instance.address()).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> {
                    HttpResponse<String> response = get(instance, path);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    check.verify(JSON.readValue(response.body(), type));
                    served[0] = response.headers().firstValue("X-Eddy-Served-By").orElse("?");
                });
        return served[0];
    }

    private static HttpResponse<String> get(AggregatorProcess instance, String path)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Users click in bursts (5-40 s apart) separated by 3-6 minutes of silence, over 20 minutes; some clicks are
     * errors; anonymous clicks are mixed in. Event times are distinct per user, so entry and exit pages are unique.
     */
    private static List<EnrichedClick> seededClicks(Random random) {
        List<EnrichedClick> all = new ArrayList<>();
        for (int user = -1; user < USERS; user++) {
            long time = T0 + random.nextInt(120_000);
            while (time < T0 + 20 * MINUTE) {
                int burst = 1 + random.nextInt(8);
                for (int i = 0; i < burst; i++) {
                    int roll = random.nextInt(100);
                    int status = roll < 85 ? 200 : roll < 95 ? 404 : 500;
                    all.add(click(user, time, PAGES.get(random.nextInt(PAGES.size())), status));
                    time += 5_000 + random.nextInt(35_000);
                }
                time += 3 * MINUTE + random.nextInt(3 * 60_000);
            }
        }
        all.sort(Comparator.comparingLong(EnrichedClick::eventTime));
        return all;
    }
}
