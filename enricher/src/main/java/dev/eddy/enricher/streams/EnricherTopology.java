package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.enricher.model.ClickEnrichment;
import dev.eddy.enricher.model.UserClick;
import dev.eddy.events.Click;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonSerde;
import dev.eddy.events.RequestLine;
import dev.eddy.events.StatusCode;
import dev.eddy.events.Topics;
import dev.eddy.events.User;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
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
 *  clickstream.status-codes ──► GlobalKTable status-codes (bad records: {@link StatusCodeDeadLetterHandler})
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
        JsonSerde<User> userSerde = EventSerdes.user();

        // 1. Reference data, replicated to every instance: status code -> definition.
        GlobalKTable<String, StatusCode> statusCodes = builder.globalTable(Topics.STATUS_CODES,
                Consumed.with(Serdes.serdeFrom(new StringSerializer(), new StatusCodeKeyDeserializer()),
                        EventSerdes.statusCode()).withName("status-codes-source"),
                Materialized.<String, StatusCode, KeyValueStore<Bytes, byte[]>>as(STATUS_CODES_STORE));

        // 2. Users: decode, dead-letter what is unusable, and keep every version of a user for the history retention,
        //    so that a late click can be joined with the user as they were when it happened (KIP-889).
        //    A change too old for that history would be dropped by the store: it goes to the dead letters instead.
        builder.addStateStore(UserHistoryHorizon.storeBuilder());
        Map<String, KStream<byte[], Checked<User>>> users = builder
                .stream(Topics.USERS, Consumed.with(rawBytes, rawBytes)
                        .withTimestampExtractor(new RecordTimeExtractor()).withName("users-source"))
                .processValues(() -> new InputDecoder<>(userSerde.codec(), limits.maxRecordBytes(), true,
                        EnricherTopology::checkUser,
                        metrics), Named.as("users-decode"))
                .processValues(() -> new UserHistoryHorizon(userHistoryRetention, metrics),
                        Named.as("users-history-horizon"), UserHistoryHorizon.STORE)
                .split(Named.as("users-"))
                .branch((key, checked) -> Checked.isRejected(checked), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        sendToDeadLetters(users.get("users-rejected"), "users");
        KTable<byte[], User> userTable = users.get("users-accepted")
                .mapValues(Checked::value, Named.as("users-value"))
                .toTable(Named.as("users-table"), Materialized.<byte[], User>as(
                                Stores.persistentVersionedKeyValueStore(USERS_STORE, userHistoryRetention))
                        .withKeySerde(rawBytes).withValueSerde(userSerde));

        // 3. Clicks: event time from _time, decode, dead-letter what is unusable.
        Map<String, KStream<byte[], Checked<Click>>> clicks = builder
                .stream(Topics.CLICKS, Consumed.with(rawBytes, rawBytes)
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
                .leftJoin(userTable, UserClick::new, Joined.with(rawBytes, clickSerde, userSerde, "users-join"));
        KStream<byte[], UserClick> anonymous = routes.get("route-anonymous")
                .mapValues(UserClick::withoutUser, Named.as("anonymous-no-user"))
                .selectKey((key, userClick) -> UserKeys.ANONYMOUS, Named.as("anonymous-key"));

        // 6. Status text from the reference table, derived fields, out.
        withUser.merge(anonymous, Named.as("all-clicks-merge"))
                .leftJoin(statusCodes, (key, userClick) -> Integer.toString(userClick.click().status()),
                        ClickEnrichment::enrich, Named.as("status-codes-join"))
                .peek((key, enriched) -> metrics.recordOut(enriched), Named.as("count-out"))
                .to(Topics.ENRICHED, Produced.with(rawBytes, EventSerdes.enrichedClick()).withName("enriched-sink"));

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

    /** Rejected records leave with their original key and value bytes; the reasons are in their headers. */
    private static <T> void sendToDeadLetters(KStream<byte[], Checked<T>> rejected, String input) {
        rejected.mapValues(Checked::originalValue, Named.as(input + "-original-value"))
                .to(Topics.DEAD_LETTERS, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(input + "-dead-letters"));
    }
}
