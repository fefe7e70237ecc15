package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;

import static dev.eddy.enricher.TestRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The decoded latest versions in front of the versioned users store ({@link LatestUsers}), through the shipped
 * topology: clicks must see exactly what the versioned store alone would give them, whatever the cache holds.
 */
class LatestUsersTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final ClickLimits LIMITS = new ClickLimits(ClickLimits.DEFAULTS.maxFutureSkew(),
            ClickLimits.DEFAULTS.earliestEventTime(), ClickLimits.DEFAULTS.maxRecordBytes(), () -> T0 + 24 * 60 * MINUTE);

    @TempDir
    Path stateDir;

    @Test
    void aCachedUserIsReplacedByItsNextVersionAndLateClicksStillSeeTheOldOne() {
        try (Driver driver = new Driver(stateDir, 10_000)) {
            // 1. User 7 is Gold from T0; a click at T0+1min reads it from the store and caches it.
            driver.user(7, "Gold", T0);
            driver.click("e-1", 7, T0 + MINUTE);
            assertThat(driver.latestUsers().size()).as("user 7 cached").isEqualTo(1);

            // 2. Upgraded to Platinum at T0+10min: the cache follows the write.
            driver.user(7, "Platinum", T0 + 10 * MINUTE);
            driver.click("e-after", 7, T0 + 11 * MINUTE);

            // 3. A late click older than the cached version reads the history: Gold. A click before signup: nobody.
            driver.click("e-late", 7, T0 + 5 * MINUTE);
            driver.click("e-before-signup", 7, T0 - MINUTE);

            // 4. A version inserted into the history (T0+3min, arriving late) leaves the cached latest in place.
            driver.user(7, "Silver", T0 + 3 * MINUTE);
            driver.click("e-latest-again", 7, T0 + 12 * MINUTE);
            driver.click("e-silver", 7, T0 + 4 * MINUTE);

            // 5. Deleted at T0+20min: unknown from then on, known before.
            driver.deleteUser(7, T0 + 20 * MINUTE);
            driver.click("e-deleted", 7, T0 + 21 * MINUTE);
            driver.click("e-before-delete", 7, T0 + 19 * MINUTE);

            // 6. Created again at T0+30min.
            driver.user(7, "Bronze", T0 + 30 * MINUTE);
            driver.click("e-recreated", 7, T0 + 31 * MINUTE);

            assertThat(driver.enriched.readValuesToList())
                    .extracting(EnrichedClick::eventId, EnrichedClick::level, EnrichedClick::userKnown)
                    .containsExactly(
                            tuple("e-1", "Gold", true),
                            tuple("e-after", "Platinum", true),
                            tuple("e-late", "Gold", true),
                            tuple("e-before-signup", null, false),
                            tuple("e-latest-again", "Platinum", true),
                            tuple("e-silver", "Silver", true),
                            tuple("e-deleted", null, false),
                            tuple("e-before-delete", "Platinum", true),
                            tuple("e-recreated", "Bronze", true));
        }
    }

    @Test
    void holdsAtMostItsCapacityAndEvictsTheLeastRecentlyRead() {
        try (Driver driver = new Driver(stateDir, 2)) {
            for (int user = 1; user <= 3; user++) {
                driver.user(user, "Gold-" + user, T0);
            }
            driver.click("e-1", 1, T0 + 1);
            driver.click("e-2", 2, T0 + 2);
            driver.click("e-1-again", 1, T0 + 3);
            driver.click("e-3", 3, T0 + 4);       // evicts user 2, the least recently read
            driver.click("e-2-again", 2, T0 + 5);  // read from the store again

            assertThat(driver.latestUsers().size()).isEqualTo(2);
            assertThat(driver.enriched.readValuesToList()).extracting(EnrichedClick::eventId, EnrichedClick::level)
                    .containsExactly(tuple("e-1", "Gold-1"), tuple("e-2", "Gold-2"), tuple("e-1-again", "Gold-1"),
                            tuple("e-3", "Gold-3"), tuple("e-2-again", "Gold-2"));
        }
    }

    /**
     * Random user changes (in and out of order, deletions) and clicks (current and late) for a few users; every click
     * must carry the version a plain model of the versioned store gives, with the cache off, tiny and large. All times
     * stay within the history retention, so the model needs no expiry.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 10_000})
    void clicksSeeWhatTheVersionedStoreAloneWouldGive(int capacity) {
        Random random = new Random(11);
        Map<Integer, TreeMap<Long, String>> versions = new HashMap<>();     // user -> valid from -> level (null: deleted)
        List<String> expected = new ArrayList<>();
        try (Driver driver = new Driver(stateDir, capacity)) {
            long now = T0;
            for (int step = 0; step < 3_000; step++) {
                now += random.nextInt(3_000);
                int user = 1 + random.nextInt(6);
                // Mostly current, sometimes up to 10 minutes late: both well within the 1 h history.
                long time = random.nextInt(4) == 0 ? now - random.nextInt(10 * (int) MINUTE) : now;
                int action = random.nextInt(10);
                if (action == 0) {
                    driver.deleteUser(user, time);
                    versions.computeIfAbsent(user, u -> new TreeMap<>()).put(time, null);
                } else if (action <= 2) {
                    String level = "L" + step;
                    driver.user(user, level, time);
                    versions.computeIfAbsent(user, u -> new TreeMap<>()).put(time, level);
                } else {
                    driver.click("e-" + step, user, time);
                    Map.Entry<Long, String> version = versions.getOrDefault(user, new TreeMap<>()).floorEntry(time);
                    expected.add("e-" + step + ":" + (version == null ? null : version.getValue()));
                }
            }
            assertThat(driver.enriched.readValuesToList())
                    .extracting(click -> click.eventId() + ":" + click.level())
                    .containsExactlyElementsOf(expected);
            assertThat(driver.latestUsers().size()).isLessThanOrEqualTo(capacity);
        }
    }

    /** The shipped topology on a test driver, with the given cache capacity. */
    private static final class Driver implements AutoCloseable {

        private final TopologyTestDriver driver;
        private final TestInputTopic<byte[], byte[]> clicks;
        private final TestInputTopic<byte[], byte[]> users;
        private final TestOutputTopic<String, EnrichedClick> enriched;

        Driver(Path stateDir, int capacity) {
            Properties settings = new Properties();
            settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "eddy-enricher-latest-users-test");
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(EnricherTopology.build(Duration.ofHours(1), LIMITS, capacity,
                    new EnricherMetrics(new SimpleMeterRegistry())), settings);
            ByteArraySerializer raw = new ByteArraySerializer();
            clicks = driver.createInputTopic(Topics.CLICKS, raw, raw);
            users = driver.createInputTopic(Topics.USERS, raw, raw);
            enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                    EventSerdes.enrichedClick().deserializer());
        }

        void user(int userId, String level, long validFrom) {
            users.pipeInput(bytes(Integer.toString(userId)), bytes(dev.eddy.enricher.TestRecords.user(userId, "user" + userId, "London", level)),
                    validFrom);
        }

        void deleteUser(int userId, long from) {
            users.pipeInput(bytes(Integer.toString(userId)), null, from);
        }

        void click(String eventId, int userId, long eventTime) {
            clicks.pipeInput(bytes(Integer.toString(userId)), bytes(dev.eddy.enricher.TestRecords.click(eventId, userId, eventTime)));
        }

        LatestUsers latestUsers() {
            return (LatestUsers) driver.getStateStore(LatestUsers.STORE);
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
