package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.Click;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonSerde;
import dev.eddy.events.Topics;
import dev.eddy.events.User;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The enricher: every click joined with its user as they were at the click's event time and with the status-code
 * reference table, written to {@value Topics#ENRICHED}; every record that cannot be used goes, untouched, to
 * {@value Topics#DEAD_LETTERS}. One static method builds it, so the tests run exactly the topology the service ships.
 *
 * <pre>
 *  clickstream.status-codes ──► GlobalKTable status-codes, raw bytes (bad records arriving:
 *                                {@link StatusCodeDeadLetterHandler}; decoded at lookup by {@link StatusDefinitions})
 *                                                                                            │ read by
 *  clickstream.users ─► decode ─► history horizon ─┬─► rejected ──────────────────────► clickstream.dlq
 *                                                  └─► users-table ({@link UserVersionWriter}):  ┐ read as of
 *                                                      versioned store users-versioned          │ the click's
 *                                                      (history = user-history-retention)       │ _time, latest
 *                                                      + latest versions ({@link LatestUsers})  │ versions first
 *  clickstream ─► clicks-enrich: check ─► route by key ─► join ─► encode ──────────────────► clickstream.enriched
 *   (_time =      (one node)    │        │    (key = userid, or userid -1)  ▲ ◄─────────────────┘ _time
 *    event time)                │        └─► other key (Datagen: ip): key := userid
 *                               │             ─► repartition clicks-by-user ─► clicks-by-user-enrich ─┘
 *                               └─► rejected ───────────────────────────────────────────────► clickstream.dlq
 * </pre>
 *
 * <p>Keys stay raw bytes until a record is known to be good, so a rejected record keeps its original key bytes.
 * Click and user values are decoded once, as they are read ({@link DecodingDeserializer}), and keep their original
 * bytes for the dead-letter topic. A well-formed click keyed by its user id passes one processor node between its
 * source and its sink ({@link ClickEnricher}), which reads the users store and the status-code table directly.
 */
public final class EnricherTopology {

    /** Name of the versioned store behind the users table (and of its changelog topic). */
    public static final String USERS_STORE = "users-versioned";
    public static final String STATUS_CODES_STORE = "status-codes";
    /** Name of the repartition topic that only clicks keyed by something other than their user id go through. */
    public static final String CLICKS_BY_USER = "clicks-by-user";
    /** Users whose latest version each task keeps decoded in memory, unless configured otherwise. */
    public static final int DEFAULT_LATEST_USERS_PER_TASK = 10_000;
    /** The processor every click goes through (see {@link ClickEnricher}). */
    static final String CLICKS_ENRICH = "clicks-enrich";
    private static final String CLICKS_SOURCE = "clicks-source";
    private static final String USERS_SOURCE = "users-source";
    private static final String ENRICHED_SINK = "enriched-sink";
    private static final String CLICKS_DEAD_LETTERS = "clicks-dead-letters";
    private static final String ENRICHED_BY_USER_SINK = "clicks-by-user-enriched-sink";
    private static final String CLICKS_BY_USER_DEAD_LETTERS = "clicks-by-user-dead-letters";

    private EnricherTopology() {
    }

    /**
     * @param userHistoryRetention how far back in event time the users table keeps old versions; a click older than
     *                             the newest user change seen by its partition minus this finds only a user
     *                             whose latest version was already valid then
     */
    public static Topology build(Duration userHistoryRetention, EnricherMetrics metrics) {
        return build(userHistoryRetention, ClickLimits.DEFAULTS, metrics);
    }

    /**
     * @param userHistoryRetention see {@link #build(Duration, EnricherMetrics)}
     * @param limits               event-time and size bounds a click must respect (beyond them: dead letters)
     */
    public static Topology build(Duration userHistoryRetention, ClickLimits limits, EnricherMetrics metrics) {
        return build(userHistoryRetention, limits, DEFAULT_LATEST_USERS_PER_TASK, metrics);
    }

    /**
     * @param userHistoryRetention see {@link #build(Duration, EnricherMetrics)}
     * @param limits               event-time and size bounds a click must respect (beyond them: dead letters)
     * @param latestUsersPerTask   how many users' latest versions each task keeps decoded in memory
     *                             ({@link LatestUsers}); 0: every click reads the versioned store
     */
    public static Topology build(Duration userHistoryRetention, ClickLimits limits, int latestUsersPerTask,
                                 EnricherMetrics metrics) {
        CoPartitioningStreamsBuilder builder = new CoPartitioningStreamsBuilder();
        Serde<byte[]> rawBytes = Serdes.ByteArray();
        JsonSerde<Click> clickSerde = EventSerdes.click();
        UserStoreSerde userStoreSerde = new UserStoreSerde();

        // 1. Reference data, replicated to every instance: status code -> definition, kept as raw bytes (checked on
        //    arrival, decoded at lookup by StatusDefinitions: entries loaded at start were never checked).
        //    In memory: every click reads it, and a RocksDB read was a fifth of a stream thread's CPU for a table of a
        //    few dozen entries, which is re-read from its topic at each start in an instant.
        builder.globalTable(Topics.STATUS_CODES,
                Consumed.with(Serdes.serdeFrom(new StringSerializer(), new StatusCodeKeyDeserializer()),
                        Serdes.serdeFrom(new ByteArraySerializer(), new StatusCodeValueDeserializer()))
                        .withName("status-codes-source"),
                Materialized.<String, byte[]>as(Stores.inMemoryKeyValueStore(STATUS_CODES_STORE))
                        .withKeySerde(Serdes.String()).withValueSerde(rawBytes));
        StatusDefinitions statusDefinitions = new StatusDefinitions(metrics);

        // 2. Users: decode, dead-letter what is unusable, and keep every version of a user for the history retention,
        //    so that a late click can be joined with the user as they were when it happened (KIP-889).
        //    A change too old for that history would be dropped by the store: it goes to the dead letters instead.
        //    The store holds users in a compact binary form (UserStoreSerde): a click that LatestUsers cannot
        //    answer decodes one from it.
        DecodingDeserializer<User> users = new DecodingDeserializer<>(EventSerdes.user().codec(),
                limits.maxRecordBytes());
        builder.addStateStore(UserHistoryHorizon.storeBuilder());
        Map<String, KStream<byte[], Checked<User>>> userRoutes = builder
                .stream(Topics.USERS, Consumed.with(rawBytes, Serdes.serdeFrom(new NotWritten<>(), users))
                        .withTimestampExtractor(new RecordTimeExtractor()).withName(USERS_SOURCE))
                .processValues(() -> new InputDecoder<>(users.codec(), limits.maxRecordBytes(), true,
                        EnricherTopology::checkUser,
                        metrics), Named.as("users-decode"))
                .processValues(() -> new UserHistoryHorizon(userHistoryRetention, metrics),
                        Named.as("users-history-horizon"), UserHistoryHorizon.STORE)
                .split(Named.as("users-"))
                .branch((key, checked) -> Checked.isRejected(checked), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        sendToDeadLetters(userRoutes.get("users-rejected"), "users");
        //    The table is written by UserVersionWriter (what toTable did) so that the decoded latest versions in front
        //    of it (LatestUsers, one per task) see every change; its changelog is the same as toTable's.
        builder.addStateStore(Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore(USERS_STORE, userHistoryRetention), rawBytes, userStoreSerde));
        builder.addStateStore(LatestUsers.storeBuilder(latestUsersPerTask));
        userRoutes.get("users-accepted")
                .mapValues(Checked::value, Named.as("users-value"))
                .process(UserVersionWriter::new, Named.as("users-table"), USERS_STORE, LatestUsers.STORE);

        // 3. Clicks: decoded once as they are read (event time from the decoded _time), then ONE processor per click
        //    checks, routes, joins with the user as of the click's time and the status table, and writes the encoded
        //    enriched click straight to the sink (or the click to the dead letters). Clicks keyed otherwise than by
        //    their user id (Datagen's default key is the ip) are re-keyed and repartitioned first, so only they pay
        //    for the extra topic, and come back through a second instance of the same processor.
        DecodingDeserializer<Click> clickValues = new DecodingDeserializer<>(clickSerde.codec(),
                ClickFastReader::decode, limits.maxRecordBytes());
        // The name of the node towards the repartition topic is known once the topology is built (below), before
        // Kafka Streams creates any processor from the suppliers.
        AtomicReference<String> misKeyedChild = new AtomicReference<>();
        KStream<byte[], byte[]> clicks = builder
                .stream(Topics.CLICKS, Consumed.with(rawBytes, Serdes.serdeFrom(new NotWritten<>(), clickValues))
                        .withTimestampExtractor(new ClickTimeExtractor(limits)).withName(CLICKS_SOURCE))
                .process(() -> new ClickEnricher(ClickEnricher.Input.CLICKS,
                                new ClickEnricher.Children(ENRICHED_SINK, CLICKS_DEAD_LETTERS, misKeyedChild.get()),
                                limits, statusDefinitions, metrics),
                        Named.as(CLICKS_ENRICH), USERS_STORE, LatestUsers.STORE);
        clicks.to(Topics.ENRICHED, Produced.with(rawBytes, rawBytes).withName(ENRICHED_SINK));
        clicks.to(Topics.DEAD_LETTERS, Produced.with(rawBytes, rawBytes).withName(CLICKS_DEAD_LETTERS));

        // 4. The re-keyed clicks, read back on the partition of their user, go through the same steps.
        KStream<byte[], byte[]> clicksByUser = clicks
                .repartition(Repartitioned.with(rawBytes, rawBytes).withName(CLICKS_BY_USER))
                .mapValues(payload -> clickValues.deserialize(null, payload), Named.as("clicks-by-user-decode"))
                .process(() -> new ClickEnricher(ClickEnricher.Input.CLICKS_BY_USER,
                                new ClickEnricher.Children(ENRICHED_BY_USER_SINK, CLICKS_BY_USER_DEAD_LETTERS, null),
                                limits, statusDefinitions, metrics),
                        Named.as("clicks-by-user-enrich"), USERS_STORE, LatestUsers.STORE);
        clicksByUser.to(Topics.ENRICHED, Produced.with(rawBytes, rawBytes).withName(ENRICHED_BY_USER_SINK));
        clicksByUser.to(Topics.DEAD_LETTERS, Produced.with(rawBytes, rawBytes)
                .withName(CLICKS_BY_USER_DEAD_LETTERS));

        Topology topology = builder.build();
        misKeyedChild.set(repartitionEntry(topology));
        // The enrichers read the users store directly instead of through a DSL join, which is what declared the
        // clicks, their repartition topic and the users co-partitioned: declare it, so that Kafka Streams still
        // refuses to start on topics with different partition counts instead of silently missing users.
        builder.coPartition(CLICKS_SOURCE, CLICKS_BY_USER + "-repartition-source", USERS_SOURCE);
        return topology;
    }

    /**
     * The node through which {@link #CLICKS_ENRICH} sends a click to the repartition topic: its only child besides its
     * two sinks (the DSL names it; looked up rather than assumed, so a different name fails here, at build time).
     */
    private static String repartitionEntry(Topology topology) {
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node.name().equals(CLICKS_ENRICH)) {
                    List<String> others = node.successors().stream().map(TopologyDescription.Node::name)
                            .filter(name -> !name.equals(ENRICHED_SINK) && !name.equals(CLICKS_DEAD_LETTERS))
                            .toList();
                    if (others.size() != 1) {
                        throw new IllegalStateException(CLICKS_ENRICH + " should have one child towards the"
                                + " repartition topic besides its sinks, has " + others);
                    }
                    return others.get(0);
                }
            }
        }
        throw new IllegalStateException("no node " + CLICKS_ENRICH + " in the topology");
    }

    /** A user must be published under its own id; a tombstone (null value) deletes whatever its key names. */
    static void checkUser(byte[] key, User user) {
        if (user != null && !UserKeys.matches(key, user.userId())) {
            throw new RejectedInputException(RejectedInputException.KEY_MISMATCH,
                    "key: " + UserKeys.describe(key) + " is not the record's user_id " + user.userId());
        }
    }

    /** The serializer half of a source's serde: sources only read, so it is never called. */
    private static final class NotWritten<T> implements org.apache.kafka.common.serialization.Serializer<T> {
        @Override
        public byte[] serialize(String topic, T data) {
            throw new UnsupportedOperationException("input values are only read");
        }
    }

    /** Rejected records leave with their original key and value bytes; the reasons are in their headers. */
    private static <T> void sendToDeadLetters(KStream<byte[], Checked<T>> rejected, String input) {
        rejected.mapValues(Checked::originalValue, Named.as(input + "-original-value"))
                .to(Topics.DEAD_LETTERS, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(input + "-dead-letters"));
    }
}
