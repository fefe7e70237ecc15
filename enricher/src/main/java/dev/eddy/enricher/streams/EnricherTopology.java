package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.enricher.model.ClickEnrichment;
import dev.eddy.enricher.model.UserClick;
import dev.eddy.events.Click;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonSerde;
import dev.eddy.events.RequestLine;
import dev.eddy.events.Topics;
import dev.eddy.events.User;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;

/**
 * The enricher: every click joined with its user as they were at the click's event time and with the status-code
 * reference table, written to {@value Topics#ENRICHED}; every record that cannot be used goes, untouched, to
 * {@value Topics#DEAD_LETTERS}. One static method builds it, so the tests run exactly the topology the service ships.
 *
 * <pre>
 *  clickstream.status-codes ──► GlobalKTable status-codes, raw bytes (bad records arriving:
 *                                {@link StatusCodeDeadLetterHandler}; decoded at lookup by {@link StatusDefinitions})
 *
 *  clickstream.users ─► decode ─► history horizon ─┬─► rejected ─────────────────────────► clickstream.dlq
 *                                                  └─► toTable (versioned store,
 *                                                       history = user-history-retention) ────────┐
 *  clickstream ─► decode ─┬─► rejected ───────────────────────────────────────────────────► clickstream.dlq
 *   (_time = event time)  └─► split ─┬─► anonymous (userid -1) ─► key "-1" ───────────────┐       │
 *                                    ├─► key = userid ─────────────────────┬─► LEFT JOIN users ◄──┘
 *                                    └─► other key (Datagen: ip) ─► re-key ┘   as of _time
 *                                        ─► repartition clicks-by-user                     │
 *                                          merge ◄─────────────────────────────────────────┘
 *                                            └─► LEFT JOIN status-codes ─► enrich ─► clickstream.enriched
 * </pre>
 *
 * <p>Keys stay raw bytes until a record is known to be good, so a rejected record keeps its original key bytes.
 * Click and user values are decoded once, as they are read ({@link DecodingDeserializer}), and keep their original
 * bytes for the dead-letter topic.
 */
public final class EnricherTopology {

    /** Name of the versioned store behind the users table (and of its changelog topic). */
    public static final String USERS_STORE = "users-versioned";
    public static final String STATUS_CODES_STORE = "status-codes";
    /** Name of the repartition topic that only clicks keyed by something other than their user id go through. */
    public static final String CLICKS_BY_USER = "clicks-by-user";

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
        StreamsBuilder builder = new StreamsBuilder();
        Serde<byte[]> rawBytes = Serdes.ByteArray();
        JsonSerde<Click> clickSerde = EventSerdes.click();
        UserStoreSerde userStoreSerde = new UserStoreSerde();

        // 1. Reference data, replicated to every instance: status code -> definition, kept as raw bytes (checked on
        //    arrival, decoded at lookup by StatusDefinitions: entries loaded at start were never checked).
        GlobalKTable<String, byte[]> statusCodes = builder.globalTable(Topics.STATUS_CODES,
                Consumed.with(Serdes.serdeFrom(new StringSerializer(), new StatusCodeKeyDeserializer()),
                        Serdes.serdeFrom(new ByteArraySerializer(), new StatusCodeValueDeserializer()))
                        .withName("status-codes-source"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STATUS_CODES_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(rawBytes));
        StatusDefinitions statusDefinitions = new StatusDefinitions(metrics);

        // 2. Users: decode, dead-letter what is unusable, and keep every version of a user for the history retention,
        //    so that a late click can be joined with the user as they were when it happened (KIP-889).
        //    A change too old for that history would be dropped by the store: it goes to the dead letters instead.
        //    The store holds users in a compact binary form (UserStoreSerde): every click decodes one from it.
        DecodingDeserializer<User> users = new DecodingDeserializer<>(EventSerdes.user().codec(),
                limits.maxRecordBytes());
        builder.addStateStore(UserHistoryHorizon.storeBuilder());
        Map<String, KStream<byte[], Checked<User>>> userRoutes = builder
                .stream(Topics.USERS, Consumed.with(rawBytes, Serdes.serdeFrom(new NotWritten<>(), users))
                        .withTimestampExtractor(new RecordTimeExtractor()).withName("users-source"))
                .processValues(() -> new InputDecoder<>(users.codec(), limits.maxRecordBytes(), true,
                        EnricherTopology::checkUser,
                        metrics), Named.as("users-decode"))
                .processValues(() -> new UserHistoryHorizon(userHistoryRetention, metrics),
                        Named.as("users-history-horizon"), UserHistoryHorizon.STORE)
                .split(Named.as("users-"))
                .branch((key, checked) -> Checked.isRejected(checked), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        sendToDeadLetters(userRoutes.get("users-rejected"), "users");
        KTable<byte[], User> userTable = userRoutes.get("users-accepted")
                .mapValues(Checked::value, Named.as("users-value"))
                .toTable(Named.as("users-table"), Materialized.<byte[], User>as(
                                Stores.persistentVersionedKeyValueStore(USERS_STORE, userHistoryRetention))
                        .withKeySerde(rawBytes).withValueSerde(userStoreSerde));

        // 3. Clicks: decoded once as they are read (event time from the decoded _time), checked, dead-letter what is
        //    unusable.
        DecodingDeserializer<Click> clickValues = new DecodingDeserializer<>(clickSerde.codec(),
                ClickFastReader::decode, limits.maxRecordBytes());
        Map<String, KStream<byte[], Checked<Click>>> clicks = builder
                .stream(Topics.CLICKS, Consumed.with(rawBytes, Serdes.serdeFrom(new NotWritten<>(), clickValues))
                        .withTimestampExtractor(new ClickTimeExtractor(limits)).withName("clicks-source"))
                .processValues(() -> new InputDecoder<>(clickSerde.codec(), limits.maxRecordBytes(), false,
                        (key, click) -> checkClick(click, limits), metrics), Named.as("clicks-decode"))
                .split(Named.as("clicks-"))
                .branch((key, checked) -> Checked.isRejected(checked), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        sendToDeadLetters(clicks.get("clicks-rejected"), "clicks");

        // 4. Route by key. Anonymous clicks need no user. Clicks keyed by their user id (Eddy's generator) join in
        //    place; clicks keyed otherwise (Datagen's default key is the ip) are re-keyed and repartitioned first, so
        //    only they pay for the extra topic.
        Map<String, KStream<byte[], Click>> routes = clicks.get("clicks-accepted")
                .mapValues(Checked::value, Named.as("clicks-value"))
                .split(Named.as("route-"))
                .branch((key, click) -> click.isAnonymous(), Branched.as("anonymous"))
                .branch((key, click) -> UserKeys.matches(key, click.userId()), Branched.as("keyed-by-user"))
                .defaultBranch(Branched.as("keyed-otherwise"));
        KStream<byte[], Click> rekeyed = routes.get("route-keyed-otherwise")
                .selectKey((key, click) -> UserKeys.of(click.userId()), Named.as("clicks-rekey"))
                .repartition(Repartitioned.with(rawBytes, clickSerde).withName(CLICKS_BY_USER));

        // 5. LEFT JOIN with the user as of the click's timestamp (its _time); no user -> enriched with nulls.
        KStream<byte[], UserClick> withUser = routes.get("route-keyed-by-user")
                .merge(rekeyed, Named.as("clicks-by-user-merge"))
                .leftJoin(userTable, UserClick::new,
                        Joined.with(rawBytes, clickSerde, userStoreSerde, "users-join"));
        KStream<byte[], UserClick> anonymous = routes.get("route-anonymous")
                .mapValues(UserClick::withoutUser, Named.as("anonymous-no-user"))
                .selectKey((key, userClick) -> UserKeys.ANONYMOUS, Named.as("anonymous-key"));

        // 6. Status text from the reference table, derived fields, out.
        withUser.merge(anonymous, Named.as("all-clicks-merge"))
                .leftJoin(statusCodes, (key, userClick) -> Integer.toString(userClick.click().status()),
                        (userClick, definition) -> ClickEnrichment.enrich(userClick,
                                statusDefinitions.lookup(userClick.click().status(), definition)),
                        Named.as("status-codes-join"))
                .peek((key, enriched) -> metrics.recordOut(enriched), Named.as("count-out"))
                .to(Topics.ENRICHED, Produced.with(rawBytes,
                                Serdes.serdeFrom(new EnrichedClickSerializer(), EventSerdes.enrichedClick()))
                        .withName("enriched-sink"));

        return builder.build();
    }

    /** A user must be published under its own id; a tombstone (null value) deletes whatever its key names. */
    static void checkUser(byte[] key, User user) {
        if (user != null && !UserKeys.matches(key, user.userId())) {
            throw new RejectedInputException(RejectedInputException.KEY_MISMATCH,
                    "key: " + UserKeys.describe(key) + " is not the record's user_id " + user.userId());
        }
    }

    /**
     * The request line must name a page and the event time must be plausible; the key may be anything (re-keyed by
     * user id when it differs).
     */
    static void checkClick(Click click, ClickLimits limits) {
        RequestLine.parse(click.request());
        limits.checkEventTime(click);
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
