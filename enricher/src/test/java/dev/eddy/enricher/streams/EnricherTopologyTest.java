package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static dev.eddy.enricher.TestRecords.CHROME;
import static dev.eddy.enricher.TestRecords.GOOGLEBOT;
import static dev.eddy.enricher.TestRecords.bytes;
import static dev.eddy.enricher.TestRecords.click;
import static dev.eddy.enricher.TestRecords.datagenClick;
import static dev.eddy.enricher.TestRecords.statusCode;
import static dev.eddy.enricher.TestRecords.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped topology ({@link EnricherTopology#build}) driven record by record. Each test states its inputs and the
 * expected outputs as literals, in numbered steps.
 */
class EnricherTopologyTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final Duration HISTORY = Duration.ofHours(1);
    /** The shipped bounds with this machine's clock fixed a day after T0, so the literal times stay plausible. */
    private static final ClickLimits LIMITS = new ClickLimits(ClickLimits.DEFAULTS.maxFutureSkew(),
            ClickLimits.DEFAULTS.earliestEventTime(), ClickLimits.DEFAULTS.maxRecordBytes(), () -> T0 + 24 * 60 * MINUTE);

    @TempDir
    Path stateDir;

    private SimpleMeterRegistry registry;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> clicks;
    private TestInputTopic<byte[], byte[]> users;
    private TestInputTopic<byte[], byte[]> statusCodes;
    private TestOutputTopic<String, EnrichedClick> enriched;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        registry = new SimpleMeterRegistry();
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "eddy-enricher-test");
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(EnricherTopology.build(HISTORY, LIMITS, new EnricherMetrics(registry)), settings);
        ByteArraySerializer raw = new ByteArraySerializer();
        clicks = driver.createInputTopic(Topics.CLICKS, raw, raw);
        users = driver.createInputTopic(Topics.USERS, raw, raw);
        statusCodes = driver.createInputTopic(Topics.STATUS_CODES, raw, raw);
        enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                EventSerdes.enrichedClick().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void joinsAClickWithItsUserAndTheStatusTable() {
        // 1. Reference data and one user.
        statusCodes.pipeInput(bytes("200"), bytes(statusCode(200, "Successful")));
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Gold")), T0);

        // 2. A click by that user.
        clicks.pipeInput(bytes("7"), bytes(click("e-1", 7, T0 + MINUTE)));

        // 3. Every field: the click's, the user's, and the derived ones.
        TestRecord<String, EnrichedClick> out = enriched.readRecord();
        assertThat(out.key()).isEqualTo("7");
        assertThat(out.timestamp()).as("event time travels on as the record timestamp").isEqualTo(T0 + MINUTE);
        assertThat(out.value()).isEqualTo(new EnrichedClick("e-1", "s-7", "122.152.45.245", 7, "-",
                "21/Nov/2026:21:00:00 +0000", T0 + MINUTE, "GET /index.html HTTP/1.1", "GET", "/index.html", 200,
                "Successful", false, 4096, "-", CHROME, false, true, "akatz1022", "Greta", "Garrity", "London",
                "Gold", 1407645330000L));
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counter(EnricherMetrics.JOIN_HITS)).isEqualTo(1.0);
        assertThat(counter(EnricherMetrics.RECORDS_OUT)).isEqualTo(1.0);
    }

    @Test
    void aChangedStatusCodeEntryReachesClicksWithinASecondOfWallClock() {
        // 1. Clicks with status 200 read the table's entry; then the entry changes.
        statusCodes.pipeInput(bytes("200"), bytes(statusCode(200, "Successful")));
        clicks.pipeInput(bytes("-1"), bytes(click("e-1", -1, T0)));
        statusCodes.pipeInput(bytes("200"), bytes(statusCode(200, "All good")));

        // 2. Within the second the processor uses the entry it read, as a global table's update could always come a
        //    little after a click; from then on the new one.
        clicks.pipeInput(bytes("-1"), bytes(click("e-2", -1, T0 + 1)));
        driver.advanceWallClockTime(Duration.ofMillis(RecentStatusCodes.REFRESH_MS));
        clicks.pipeInput(bytes("-1"), bytes(click("e-3", -1, T0 + 2)));
        // A code the processor has not read yet is read at once.
        statusCodes.pipeInput(bytes("404"), bytes(statusCode(404, "Page not found")));
        clicks.pipeInput(bytes("-1"), bytes(click("e-4", -1, T0 + 3, "GET /gone HTTP/1.1", 404)));

        assertThat(enriched.readValuesToList()).extracting(EnrichedClick::statusText)
                .containsExactly("Successful", "Successful", "All good", "Page not found");
    }

    @Test
    void anonymousAndUnknownUsersAreEnrichedWithNullsAndCounted() {
        // 1. No users at all; one anonymous click and one click by a user nobody has heard of.
        clicks.pipeInput(bytes("-1"), bytes(click("e-anon", -1, T0)));
        clicks.pipeInput(bytes("99"), bytes(click("e-unknown", 99, T0 + 1)));

        // 2. Both come out, keyed by their user id, with user fields null.
        List<TestRecord<String, EnrichedClick>> out = enriched.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("-1", "99");
        assertThat(out).extracting(r -> r.value().eventId()).containsExactly("e-anon", "e-unknown");
        assertThat(out).allSatisfy(r -> {
            assertThat(r.value().userKnown()).isFalse();
            assertThat(r.value().username()).isNull();
            assertThat(r.value().city()).isNull();
            assertThat(r.value().level()).isNull();
            assertThat(r.value().registeredAt()).isNull();
        });

        // 3. Counted by cause.
        assertThat(counter(EnricherMetrics.JOIN_MISSES, "cause", "anonymous")).isEqualTo(1.0);
        assertThat(counter(EnricherMetrics.JOIN_MISSES, "cause", "unknown_user")).isEqualTo(1.0);
        assertThat(counter(EnricherMetrics.JOIN_HITS)).isZero();
    }

    @Test
    void aClickSeesTheUserAsTheyWereAtItsEventTime() {
        // 1. User 7 is Gold in London from T0, becomes Platinum at T0+10min.
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Gold")), T0);
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Platinum")), T0 + 10 * MINUTE);

        // 2. A click after the upgrade sees Platinum; a late click (event time before the upgrade, arriving after
        //    it) sees Gold, the version valid when it happened.
        clicks.pipeInput(bytes("7"), bytes(click("e-after", 7, T0 + 11 * MINUTE)));
        clicks.pipeInput(bytes("7"), bytes(click("e-late", 7, T0 + 5 * MINUTE)));

        // 3. A click from before the user existed finds nobody.
        clicks.pipeInput(bytes("7"), bytes(click("e-before-signup", 7, T0 - MINUTE)));

        List<EnrichedClick> out = enriched.readValuesToList();
        assertThat(out).extracting(EnrichedClick::eventId, EnrichedClick::level, EnrichedClick::userKnown)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("e-after", "Platinum", true),
                        org.assertj.core.groups.Tuple.tuple("e-late", "Gold", true),
                        org.assertj.core.groups.Tuple.tuple("e-before-signup", null, false));
    }

    @Test
    void aUserChangeAfterAClickDoesNotRewriteIt() {
        // 1. User 7 lives in London; a click at T0+1min is enriched with London.
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Gold")), T0);
        clicks.pipeInput(bytes("7"), bytes(click("e-1", 7, T0 + MINUTE)));

        // 2. The user moves to Frankfurt at T0+2min; the next click sees Frankfurt; the first output is not re-emitted.
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "Frankfurt", "Gold")), T0 + 2 * MINUTE);
        clicks.pipeInput(bytes("7"), bytes(click("e-2", 7, T0 + 3 * MINUTE)));

        assertThat(enriched.readValuesToList()).extracting(EnrichedClick::eventId, EnrichedClick::city)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e-1", "London"),
                        org.assertj.core.groups.Tuple.tuple("e-2", "Frankfurt"));
    }

    @Test
    void aDeletedUserIsUnknownFromTheDeletionOn() {
        // 1. User 7 exists from T0 and is deleted (tombstone) at T0+10min.
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Gold")), T0);
        users.pipeInput(bytes("7"), null, T0 + 10 * MINUTE);

        // 2. A click after the deletion finds nobody; a late click from before it still sees the user.
        clicks.pipeInput(bytes("7"), bytes(click("e-after-delete", 7, T0 + 11 * MINUTE)));
        clicks.pipeInput(bytes("7"), bytes(click("e-before-delete", 7, T0 + 9 * MINUTE)));

        assertThat(enriched.readValuesToList()).extracting(EnrichedClick::eventId, EnrichedClick::userKnown)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e-after-delete", false),
                        org.assertj.core.groups.Tuple.tuple("e-before-delete", true));
        assertThat(deadLetters.isEmpty()).as("a tombstone on the users table is not bad input").isTrue();
    }

    @Test
    void aClickOlderThanTheUserHistoryFindsNoUser() {
        // 1. User 7 changes at T0 and again at T0+2h: the store has now seen T0+2h, so with 1h of history it answers
        //    for event times from T0+1h on.
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Gold")), T0);
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Platinum")), T0 + 120 * MINUTE);

        // 2. A click at T0+90min is within the history: Gold. One at T0+30min is beyond it: enriched without user.
        clicks.pipeInput(bytes("7"), bytes(click("e-within", 7, T0 + 90 * MINUTE)));
        clicks.pipeInput(bytes("7"), bytes(click("e-beyond", 7, T0 + 30 * MINUTE)));

        assertThat(enriched.readValuesToList()).extracting(EnrichedClick::eventId, EnrichedClick::level,
                        EnrichedClick::userKnown)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e-within", "Gold", true),
                        org.assertj.core.groups.Tuple.tuple("e-beyond", null, false));
        assertThat(counter(EnricherMetrics.JOIN_MISSES, "cause", "unknown_user")).isEqualTo(1.0);
    }

    @Test
    void aUserChangeOlderThanTheHistoryIsDeadLetteredNotDropped() {
        // 1. The users partition has seen a change at T0+2h: with 1h of history, it keeps versions from T0+1h on.
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Gold")), T0 + 120 * MINUTE);

        // 2. User 8's creation arrives late, stamped T0+30min: the versioned store would drop it silently.
        users.pipeInput(bytes("8"), bytes(user(8, "Ferd88", "Raleigh", "Silver")), T0 + 30 * MINUTE);
        // 3. A change at T0+90min is within the history and is stored.
        users.pipeInput(bytes("9"), bytes(user(9, "Reeva43", "Raleigh", "Silver")), T0 + 90 * MINUTE);

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(letter.value()).isEqualTo(bytes(user(8, "Ferd88", "Raleigh", "Silver")));
        DeadLetterHeaders why = DeadLetterHeaders.readFrom(letter.headers()).orElseThrow();
        assertThat(why.reason()).isEqualTo("beyond_history");
        assertThat(why.stage()).isEqualTo("enricher.users-history");
        assertThat(why.sourceOffset()).isEqualTo(1L);
        assertThat(deadLetters.isEmpty()).isTrue();

        clicks.pipeInput(bytes("9"), bytes(click("e-9", 9, T0 + 121 * MINUTE)));
        assertThat(enriched.readValue().userKnown()).isTrue();
    }

    @Test
    void datagenRecordsAreEnrichedAsTheyAre() {
        // 1. Datagen's reference data and users: keys are the ids (String or JSON converter alike: "404", "7").
        statusCodes.pipeInput(bytes("404"), bytes(statusCode(404, "Page not found")));
        users.pipeInput(bytes("7"), bytes(user(7, "bobk_43", "Raleigh", "Silver")), T0);

        // 2. Datagen clicks: keyed by ip (its default), status and bytes as strings, a Googlebot, an anonymous one.
        clicks.pipeInput(bytes("111.152.45.45"),
                bytes(datagenClick("111.152.45.45", 7, T0 + MINUTE, "404", GOOGLEBOT)));
        clicks.pipeInput(bytes("222.245.174.248"),
                bytes(datagenClick("222.245.174.248", -1, T0 + 2 * MINUTE, "200", CHROME)));

        // 3. Re-keyed by user id, joined, and typed.
        List<TestRecord<String, EnrichedClick>> out = enriched.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("7", "-1");
        EnrichedClick known = out.get(0).value();
        assertThat(known.userKnown()).isTrue();
        assertThat(known.username()).isEqualTo("bobk_43");
        assertThat(known.ip()).isEqualTo("111.152.45.45");
        assertThat(known.status()).isEqualTo(404);
        assertThat(known.bytes()).isEqualTo(1289L);
        assertThat(known.statusText()).isEqualTo("Page not found");
        assertThat(known.error()).isTrue();
        assertThat(known.bot()).isTrue();
        assertThat(known.page()).isEqualTo("/site/user_status.html");
        assertThat(known.eventId()).isNull();
        EnrichedClick anonymous = out.get(1).value();
        assertThat(anonymous.userKnown()).isFalse();
        assertThat(anonymous.statusText()).as("no table entry: the standard phrase").isEqualTo("OK");
        assertThat(anonymous.bot()).isFalse();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aClickOnTheRepartitionTopicUnderAnotherKeyIsDeadLetteredNotAStoppedApp() {
        // 1. The internal topic holds clicks re-keyed by user id; something else wrote one under an ip.
        users.pipeInput(bytes("7"), bytes(user(7, "bobk_43", "Raleigh", "Silver")), T0);
        TestInputTopic<byte[], byte[]> repartition = driver.createInputTopic(
                "eddy-enricher-test-" + EnricherTopology.CLICKS_BY_USER + "-repartition",
                new ByteArraySerializer(), new ByteArraySerializer());
        byte[] foreign = bytes(click("e-foreign", 7, T0 + MINUTE));
        repartition.pipeInput(bytes("111.152.45.45"), foreign, T0 + MINUTE);

        // 2. A dead letter with its original key and value, and the app goes on with the next click.
        clicks.pipeInput(bytes("7"), bytes(click("e-next", 7, T0 + 2 * MINUTE)));
        assertThat(enriched.readValuesToList()).extracting(EnrichedClick::eventId).containsExactly("e-next");
        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo(bytes("111.152.45.45"));
        assertThat(letter.value()).isEqualTo(foreign);
        DeadLetterHeaders why = DeadLetterHeaders.readFrom(letter.headers()).orElseThrow();
        assertThat(why.reason()).isEqualTo("key_mismatch");
        assertThat(why.stage()).isEqualTo("enricher.validate");
        assertThat(why.sourceTopic()).endsWith("-repartition");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void statusTextFallsBackToTheStandardPhraseThenNull() {
        clicks.pipeInput(bytes("-1"), bytes(click("e-1", -1, T0, "POST /cart?id=3#top HTTP/1.1", 503)));
        clicks.pipeInput(bytes("-1"), bytes(click("e-2", -1, T0, "/images/logo-small.png", 299)));

        List<EnrichedClick> out = enriched.readValuesToList();
        assertThat(out).extracting(EnrichedClick::method, EnrichedClick::page, EnrichedClick::statusText,
                        EnrichedClick::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/cart", "Service Unavailable", true),
                        org.assertj.core.groups.Tuple.tuple("GET", "/images/logo-small.png", null, false));
    }

    @Test
    void everyKindOfBadClickLandsInTheDeadLetterTopicUntouched() {
        // 1. One good click, then one bad click of each kind, each at its own offset.
        String good = click("e-good", -1, T0);
        byte[][][] bad = {
                {bytes("1"), bytes("{\"userid\": 1, \"_time\": ")},                                    // malformed
                {bytes("1"), bytes(click("e", 1, T0).replace("\"status\":200", "\"status\":\"abc\""))}, // wrong type
                {bytes("1"), bytes(click("e", 1, T0).replace("\"request\":\"GET /index.html HTTP/1.1\",", ""))},
                {bytes("1"), new byte[] {'{', '"', 'i', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}},
                {bytes("1"), new byte[0]},                                                             // empty
                {bytes("1"), null},                                                                    // null value
                {null, bytes(click("e", 1, T0))},                                                      // null key
                {bytes("1"), bytes(click("e", 1, T0, "DELETE everything", 200))},                      // request
                {bytes("1"), bytes(click("e", 1, T0, "GET /index.html HTTP/1.1", 1234))},               // out of range
                {bytes("1"), bytes(click("e", 1, T0 + 365 * 24 * 60 * MINUTE))},                      // far future
                {bytes("1"), bytes(click("e", 1, 1_000L))},                                            // 1970
                {bytes("1"), bytes(click("e", 1, T0).replace("\"ip\":", "\"pad\":\""
                        + " ".repeat(300 * 1024) + "\",\"ip\":"))},                                 // too large
        };
        String[] reasons = {"malformed_json", "wrong_type", "missing_field", "malformed_json", "empty", "empty",
                "null_key", "invalid_value", "invalid_value", "invalid_value", "invalid_value", "too_large"};
        String[] stages = {"enricher.decode", "enricher.decode", "enricher.decode", "enricher.decode",
                "enricher.decode", "enricher.decode", "enricher.validate", "enricher.validate", "enricher.decode",
                "enricher.validate", "enricher.validate", "enricher.validate"};
        clicks.pipeInput(bytes("-1"), bytes(good));
        for (byte[][] record : bad) {
            clicks.pipeInput(new TestRecord<>(record[0], record[1], new RecordHeaders().add("trace", bytes("t-1")),
                    Instant.ofEpochMilli(T0)));
        }

        // 2. The good one is enriched; the app goes on after each bad one.
        assertThat(enriched.readValuesToList()).extracting(EnrichedClick::eventId).containsExactly("e-good");

        // 3. Every bad one is in the DLQ with its original key and value and headers saying why and where from.
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(bad.length);
        for (int i = 0; i < bad.length; i++) {
            TestRecord<byte[], byte[]> letter = letters.get(i);
            assertThat(letter.key()).as("key of bad record %d", i).isEqualTo(bad[i][0]);
            assertThat(letter.value()).as("value of bad record %d", i).isEqualTo(bad[i][1]);
            DeadLetterHeaders why = DeadLetterHeaders.readFrom(letter.headers()).orElseThrow();
            assertThat(why.reason()).as("reason of bad record %d", i).isEqualTo(reasons[i]);
            assertThat(why.stage()).as("stage of bad record %d", i).isEqualTo(stages[i]);
            assertThat(why.sourceTopic()).isEqualTo(Topics.CLICKS);
            assertThat(why.sourcePartition()).isZero();
            assertThat(why.sourceOffset()).as("offset of bad record %d", i).isEqualTo(i + 1L);
            assertThat(why.errorClass()).isNotBlank();
            assertThat(why.errorMessage()).isNotBlank();
            assertThat(letter.headers().lastHeader("trace").value()).as("original headers kept").isEqualTo(bytes("t-1"));
        }
        assertThat(counter(EnricherMetrics.DEAD_LETTERS, "reason", "malformed_json")).isEqualTo(2.0);
        assertThat(counter(EnricherMetrics.DEAD_LETTERS, "reason", "null_key")).isEqualTo(1.0);
        assertThat(registry.find(EnricherMetrics.DEAD_LETTERS).counters())
                .allSatisfy(c -> assertThat(c.getId().getTag("topic")).isEqualTo(Topics.CLICKS));
    }

    @Test
    void badUsersLandInTheDeadLetterTopicAndGoodOnesStillJoin() {
        // 1. A good user, then a user under someone else's key, one without key, one broken, one empty.
        users.pipeInput(bytes("7"), bytes(user(7, "akatz1022", "London", "Gold")), T0);
        users.pipeInput(bytes("8"), bytes(user(9, "Ferd88", "Paris", "Gold")), T0);
        users.pipeInput(null, bytes(user(10, "Reeva43", "Paris", "Gold")), T0);
        users.pipeInput(bytes("11"), bytes("{\"user_id\":11,\"username\":"), T0);
        users.pipeInput(bytes("12"), new byte[0], T0);
        users.pipeInput(bytes("13"), bytes(user(-5, "x", "Paris", "Gold")), T0);

        // 2. The mismatched user was not stored under either id; the good one joins.
        clicks.pipeInput(bytes("7"), bytes(click("e-7", 7, T0 + 1)));
        clicks.pipeInput(bytes("8"), bytes(click("e-8", 8, T0 + 1)));
        clicks.pipeInput(bytes("9"), bytes(click("e-9", 9, T0 + 1)));
        assertThat(enriched.readValuesToList()).extracting(EnrichedClick::eventId, EnrichedClick::userKnown)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e-7", true),
                        org.assertj.core.groups.Tuple.tuple("e-8", false),
                        org.assertj.core.groups.Tuple.tuple("e-9", false));

        // 3. Five dead letters from the users topic, in order, with reasons.
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(r -> DeadLetterHeaders.readFrom(r.headers()).orElseThrow().reason())
                .containsExactly("key_mismatch", "null_key", "malformed_json", "empty", "invalid_value");
        assertThat(letters).extracting(r -> DeadLetterHeaders.readFrom(r.headers()).orElseThrow().sourceOffset())
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(letters).allSatisfy(r -> assertThat(DeadLetterHeaders.readFrom(r.headers()).orElseThrow()
                .sourceTopic()).isEqualTo(Topics.USERS));
        assertThat(letters.get(0).value()).isEqualTo(bytes(user(9, "Ferd88", "Paris", "Gold")));
        assertThat(letters.get(1).key()).isNull();
        assertThat(counter(EnricherMetrics.DEAD_LETTERS, "reason", "key_mismatch")).isEqualTo(1.0);
    }

    private double counter(String name, String... tags) {
        // A counter, or a function counter (records out is the sum of the hit and miss counters): its one measurement.
        var meter = registry.find(name).tags(tags).meter();
        return meter == null ? 0.0 : meter.measure().iterator().next().getValue();
    }
}
