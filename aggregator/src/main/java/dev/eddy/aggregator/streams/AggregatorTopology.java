package dev.eddy.aggregator.streams;

import dev.eddy.aggregator.config.WindowSettings;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.ErrorAlert;
import dev.eddy.events.ErrorRateWindow;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonSerde;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import dev.eddy.events.UserActivityWindow;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.util.Map;

/**
 * The aggregator's topology, read top to bottom: decode, route bad records to the dead-letter topic, then one branch
 * per window type. Every window type judges lateness in the input task, where event-time order holds (a
 * {@link LateRecordGate}, the {@link SessionTracker} or a {@link PreAggregator}), routes late clicks to the late-events
 * topic, emits final results only when its window closes, and keeps its store queryable for {@code retention}.
 */
public final class AggregatorTopology {

    private static final Serde<String> STRING = Serdes.String();
    private static final Serde<Long> LONG = Serdes.Long();
    private static final JsonSerde<EnrichedClick> CLICK = EventSerdes.enrichedClick();
    private static final ContributionSerde CONTRIBUTION = new ContributionSerde();
    private static final Serde<SegmentAggregate> SEGMENT_AGGREGATE = new SegmentAggregateSerde();

    private final WindowSettings settings;
    private final TopologyOptions options;
    private final AggregatorMetrics metrics;

    private AggregatorTopology(WindowSettings settings, TopologyOptions options, AggregatorMetrics metrics) {
        this.settings = settings;
        this.options = options;
        this.metrics = metrics;
    }

    public static Topology build(WindowSettings settings, TopologyOptions options, AggregatorMetrics metrics) {
        return new AggregatorTopology(settings, options, metrics).build();
    }

    private Topology build() {
        StreamsBuilder builder = new StreamsBuilder();

        // 1. Read and decode; the extractor takes event time (_time) from the decoded click.
        Map<String, KStream<String, DecodedClick>> decoded = builder
                .stream(Topics.ENRICHED, Consumed.with(STRING, new DecodedClickSerde())
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("enriched-clicks"))
                .processValues(() -> new ClickDecoder(metrics), Named.as("decode"))
                .split(Named.as("decoded-"))
                .branch((key, value) -> value.isFailure(), Branched.as("failed"))
                .defaultBranch(Branched.as("ok"));

        // 2. Undecodable records: original value bytes and dead-letter headers, never a crash.
        decoded.get("decoded-failed")
                .process(DeadLetterRecord::new, Named.as("dead-letter-bytes"))
                .to(Topics.DEAD_LETTERS, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dead-letters"));

        KStream<String, EnrichedClick> clicks = decoded.get("decoded-ok")
                .mapValues(DecodedClick::click, Named.as("clicks"));

        userActivity(clicks);
        pageViews(clicks);
        sessions(builder, clicks);
        errors(clicks);
        segments(clicks);
        return builder.build();
    }

    /**
     * 3. Events per user per minute (anonymous clicks count under user id -1). Final results come from a suppression
     * buffer rather than {@code emitStrategy(onWindowClose())}: emit-final keeps its windows in a time-ordered store,
     * where a lookup of one user's windows scans every user's windows of the range (milliseconds per query at a few
     * thousand users); with suppression the queryable store stays key-ordered, so a key lookup is a prefix seek.
     */
    private void userActivity(KStream<String, EnrichedClick> clicks) {
        TimeWindows windows = TimeWindows.ofSizeAndGrace(settings.userActivitySize(), settings.userActivityGrace());
        onTime(clicks, StoreNames.USER_ACTIVITY, LateArrivalRule.forTimeWindows(windows))
                .groupByKey(Grouped.with(STRING, CLICK))
                .windowedBy(windows)
                .count(Named.as(StoreNames.USER_ACTIVITY + "-count"), this.<Long>windowStore(StoreNames.USER_ACTIVITY)
                        .withValueSerde(LONG))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName(StoreNames.USER_ACTIVITY + "-until-close"))
                .toStream(Named.as(StoreNames.USER_ACTIVITY + "-final"))
                .map((window, events) -> KeyValue.pair(window.key(), new UserActivityWindow(
                        Integer.parseInt(window.key()), window.window().start(), window.window().end(), events)),
                        Named.as(StoreNames.USER_ACTIVITY + "-result"))
                .peek((key, value) -> metrics.countWindowEmitted(StoreNames.USER_ACTIVITY))
                .to(Topics.USER_ACTIVITY_1M, Produced.with(STRING, EventSerdes.userActivityWindow())
                        .withName(StoreNames.USER_ACTIVITY + "-sink"));
    }

    /**
     * 4. Page views per page, tumbling and hopping. Like statuses and segments (below), page views are keyed by
     * something other than the input's key: the input tasks judge lateness and pre-aggregate (see
     * {@link #preAggregated}), so only small partial counts and watermarks are repartitioned, not every click.
     */
    private void pageViews(KStream<String, EnrichedClick> clicks) {
        pageViewWindows(clicks, new Dimension(StoreNames.PAGE_VIEWS_1M, StoreNames.BY_PAGE_1M,
                TimeWindows.ofSizeAndGrace(settings.pageViewsTumblingSize(), settings.pageViewsTumblingGrace()),
                EnrichedClick::page, false), Topics.PAGE_VIEWS_1M);
        pageViewWindows(clicks, new Dimension(StoreNames.PAGE_VIEWS_5M, StoreNames.BY_PAGE_5M,
                TimeWindows.ofSizeAndGrace(settings.pageViewsHoppingSize(), settings.pageViewsHoppingGrace())
                        .advanceBy(settings.pageViewsHoppingAdvance()),
                EnrichedClick::page, false), Topics.PAGE_VIEWS_5M);
    }

    private void pageViewWindows(KStream<String, EnrichedClick> clicks, Dimension dimension, String topic) {
        String store = dimension.store();
        preAggregated(clicks, dimension, WindowMerge.COUNT, LONG)
                .mapValues(window -> new PageViewsWindow(window.key(), window.start(), window.end(), window.value()),
                        Named.as(store + "-result"))
                .peek((key, value) -> metrics.countWindowEmitted(store))
                .to(topic, Produced.with(STRING, EventSerdes.pageViewsWindow()).withName(store + "-sink"));
    }

    /**
     * 5. Sessions of known users; anonymous clicks (user id -1) belong to nobody's session. One processor judges
     * lateness, merges and closes sessions ({@link SessionTracker}); it keeps the open sessions per user and writes
     * each closed session once to the queryable session store.
     */
    private void sessions(StreamsBuilder builder, KStream<String, EnrichedClick> clicks) {
        SessionWindows windows = SessionWindows.ofInactivityGapAndGrace(settings.sessionInactivityGap(),
                settings.sessionGrace());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.OPEN_SESSIONS),
                        STRING, new OpenSessionsSerde())
                .withCachingEnabled());
        builder.addStateStore(Stores.sessionStoreBuilder(
                        Stores.persistentSessionStore(StoreNames.SESSIONS, settings.retention()),
                        STRING, new SessionAggregateSerde())
                .withLoggingEnabled(ChangelogTopics.WINDOWED));
        Map<String, KStream<String, SessionOutcome>> outcomes = clicks
                .filter((user, click) -> click.userId() >= 0, Named.as("known-users"))
                .process(() -> new SessionTracker(windows, metrics, options.decodedSessionUsers()),
                        Named.as(StoreNames.SESSIONS + "-track"),
                        StoreNames.OPEN_SESSIONS, StoreNames.SESSIONS)
                .split(Named.as(StoreNames.SESSIONS + "-"))
                .branch((user, outcome) -> outcome.isLate(), Branched.as("late"))
                .defaultBranch(Branched.as("closed"));
        outcomes.get(StoreNames.SESSIONS + "-late")
                .map((user, outcome) -> KeyValue.pair(outcome.late().key(), outcome.late()),
                        Named.as(StoreNames.SESSIONS + "-late-key"))
                .to(Topics.LATE_EVENTS, Produced.with(STRING, CLICK).withName(StoreNames.SESSIONS + "-late-sink"));
        outcomes.get(StoreNames.SESSIONS + "-closed")
                .mapValues(SessionOutcome::closed, Named.as(StoreNames.SESSIONS + "-result"))
                .peek((key, value) -> metrics.countWindowEmitted(StoreNames.SESSIONS))
                .to(Topics.SESSIONS, Produced.<String, SessionSummary>with(STRING, EventSerdes.sessionSummary())
                        .withName(StoreNames.SESSIONS + "-sink"));
    }

    /**
     * 6. Responses per status per minute; the results topic and the alerts carry error statuses (>= 400) only. All
     * statuses are counted (the other statuses give the error rate's denominator). Windows close by watermark, when
     * every input partition has passed them, so error windows close on time however rare errors are.
     */
    private void errors(KStream<String, EnrichedClick> clicks) {
        Dimension dimension = new Dimension(StoreNames.ERRORS, StoreNames.BY_STATUS,
                TimeWindows.ofSizeAndGrace(settings.errorsSize(), settings.errorsGrace()),
                click -> Integer.toString(click.status()), false);
        KStream<String, ErrorRateWindow> finalErrors = preAggregated(clicks, dimension, WindowMerge.COUNT, LONG)
                .filter((status, window) -> isError(status), Named.as(StoreNames.ERRORS + "-errors-only"))
                .mapValues(window -> new ErrorRateWindow(Integer.parseInt(window.key()), window.start(), window.end(),
                        window.value()), Named.as(StoreNames.ERRORS + "-result"));
        finalErrors
                .peek((key, value) -> metrics.countWindowEmitted(StoreNames.ERRORS))
                .to(Topics.ERRORS_1M, Produced.with(STRING, EventSerdes.errorRateWindow())
                        .withName(StoreNames.ERRORS + "-sink"));
        long threshold = settings.errorAlertThreshold();
        finalErrors
                .filter((status, window) -> window.errors() >= threshold, Named.as("errors-over-threshold"))
                .mapValues(window -> new ErrorAlert(window.status(), window.windowStart(), window.windowEnd(),
                        window.errors(), threshold), Named.as("error-alert"))
                .peek((status, alert) -> metrics.alertEmitted())
                .to(Topics.ERROR_ALERTS, Produced.with(STRING, EventSerdes.errorAlert()).withName("error-alerts"));
    }

    /** Whether a status key of the status store is an error (HTTP status >= 400). */
    public static boolean isError(String status) {
        return Integer.parseInt(status) >= 400;
    }

    /** 7. Activity per city and level per minute; unknown users count under "unknown". */
    private void segments(KStream<String, EnrichedClick> clicks) {
        Dimension dimension = new Dimension(StoreNames.SEGMENTS, StoreNames.BY_SEGMENT,
                TimeWindows.ofSizeAndGrace(settings.segmentsSize(), settings.segmentsGrace()),
                SegmentAggregate::keyOf, true);
        preAggregated(clicks, dimension, WindowMerge.SEGMENT, SEGMENT_AGGREGATE)
                .mapValues(window -> window.value().toWindow(window.start(), window.end()),
                        Named.as(StoreNames.SEGMENTS + "-result"))
                .peek((key, value) -> metrics.countWindowEmitted(StoreNames.SEGMENTS))
                .to(Topics.SEGMENT_ACTIVITY_1M, Produced.with(STRING, EventSerdes.segmentActivityWindow())
                        .withName(StoreNames.SEGMENTS + "-sink"));
    }

    /**
     * A window type keyed by something other than the user: in the input task (where event-time order holds) a
     * {@link PreAggregator} routes late clicks to the late-events topic and sums the others per key and pane; its
     * partials and watermarks are repartitioned by key (watermarks to every partition), and a {@link WindowCloser}
     * adds the partials to the queryable window store and emits each window once every input partition has passed
     * it. Returns the closed windows.
     */
    private <V> KStream<String, ClosedWindow<V>> preAggregated(KStream<String, EnrichedClick> clicks,
                                                                Dimension dimension, WindowMerge<V> merge,
                                                                Serde<V> valueSerde) {
        String store = dimension.store();
        Map<String, KStream<String, PreAggregated>> routed = clicks
                .process(PreAggregator.supplier(dimension, options.flushInterval(), metrics),
                        Named.as(store + "-pre-aggregate"))
                .split(Named.as(store + "-"))
                .branch((key, value) -> value.isLate(), Branched.as("late"))
                .defaultBranch(Branched.as("partials"));
        routed.get(store + "-late")
                .mapValues(PreAggregated::late, Named.as(store + "-late-click"))
                .to(Topics.LATE_EVENTS, Produced.with(STRING, CLICK).withName(store + "-late-sink"));
        return routed.get(store + "-partials")
                .mapValues(PreAggregated::contribution, Named.as(store + "-contribution"))
                .repartition(Repartitioned.<String, Contribution>as(dimension.repartition())
                        .withKeySerde(STRING).withValueSerde(CONTRIBUTION)
                        .withStreamPartitioner(new WatermarkPartitioner()))  // as many partitions as the input
                .process(WindowCloser.supplier(dimension, merge, valueSerde, settings.retention(),
                        options.inputPartitions()), Named.as(store + "-close"));
    }

    /**
     * Puts a {@link LateRecordGate} in front of one aggregation: late records go to the late-events topic (keyed by
     * user id, with a header naming the window), the others continue to the aggregation.
     */
    private KStream<String, EnrichedClick> onTime(KStream<String, EnrichedClick> input, String window,
                                                  LateArrivalRule rule) {
        Map<String, KStream<String, Gated>> gated = input
                .processValues(() -> new LateRecordGate(window, rule, metrics), Named.as(window + "-late-gate"))
                .split(Named.as(window + "-"))
                .branch((key, value) -> value.late(), Branched.as("late"))
                .defaultBranch(Branched.as("on-time"));
        gated.get(window + "-late")
                .map((key, value) -> KeyValue.pair(value.click().key(), value.click()), Named.as(window + "-late-key"))
                .to(Topics.LATE_EVENTS, Produced.with(STRING, CLICK).withName(window + "-late-sink"));
        return gated.get(window + "-on-time").mapValues(Gated::click, Named.as(window + "-on-time-click"));
    }

    private <V> Materialized<String, V, WindowStore<Bytes, byte[]>> windowStore(String name) {
        return Materialized.<String, V, WindowStore<Bytes, byte[]>>as(name)
                .withKeySerde(STRING)
                .withRetention(settings.retention())
                .withLoggingEnabled(ChangelogTopics.WINDOWED);
    }
}
