package dev.eddy.aggregator.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.aggregator.config.QuerySettings;
import dev.eddy.aggregator.config.WindowSettings;
import dev.eddy.aggregator.query.model.ErrorRatesResponse;
import dev.eddy.aggregator.query.model.InstancesResponse;
import dev.eddy.aggregator.query.model.PageViewsResponse;
import dev.eddy.aggregator.query.model.SegmentsResponse;
import dev.eddy.aggregator.query.model.SessionsResponse;
import dev.eddy.aggregator.query.model.StatusCount;
import dev.eddy.aggregator.query.model.TopPagesResponse;
import dev.eddy.aggregator.query.model.TotalsResponse;
import dev.eddy.aggregator.query.model.UserActivityResponse;
import dev.eddy.aggregator.streams.SegmentAggregate;
import dev.eddy.aggregator.streams.SessionAggregate;
import dev.eddy.aggregator.streams.StoreNames;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SegmentActivityWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.UserActivityWindow;
import io.vertx.core.Vertx;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * What the HTTP API answers, independent of the HTTP framework: parameters are validated first (400 before anything
 * else), then single-key queries go through the {@link KeyRouter} and store-wide ones through the {@link FanOut}.
 */
public final class AggregatorQueries {

    public static final String INTERNAL_WINDOWS_PATH = "/api/v1/internal/windows/";

    private static final Comparator<PageViewsWindow> MOST_VIEWED = Comparator
            .comparingLong(PageViewsWindow::views).reversed().thenComparing(PageViewsWindow::page);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final WindowSettings windows;
    private final QuerySettings settings;
    private final StoreCatalog catalog;
    private final LocalStores local;
    private final SessionStores sessionStores;
    private final KeyRouter router;
    private final FanOut fanOut;
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param vertx        the event loops that forward requests to other instances
     * @param blockingWork worker threads for store reads that follow a failed forward
     */
    public AggregatorQueries(KafkaStreams streams, HostInfo self, WindowSettings windows, QuerySettings settings,
                             String applicationId, Vertx vertx, Executor blockingWork) {
        this.streams = streams;
        this.self = self;
        this.windows = windows;
        this.settings = settings;
        this.catalog = new StoreCatalog(applicationId);
        this.local = new LocalStores(streams);
        this.sessionStores = new SessionStores(local);
        RemoteInstances remote = new RemoteInstances(vertx, self, settings.remoteTimeout());
        this.router = new KeyRouter(streams, self, remote, blockingWork);
        this.fanOut = new FanOut(streams, self, remote, catalog);
    }

    public QuerySettings settings() {
        return settings;
    }

    // ---- single-key queries -------------------------------------------------------------------------------------

    public CompletableFuture<Answer> userActivity(String userIdText, String from, String to, RequestOptions options) {
        int userId = QueryParams.userId(userIdText, true);
        TimeRange range = TimeRange.parse(from, to, settings.maxRange());
        String key = Integer.toString(userId);
        return router.route(StoreNames.USER_ACTIVITY, key, options, (partition, stale) ->
                new UserActivityResponse(userId, range.from(), range.to(),
                        this.<UserActivityWindow>fetchKey(StoreNames.USER_ACTIVITY, key, range, partition, stale,
                                (start, count) -> new UserActivityWindow(userId, start,
                                        start + windows.userActivitySize().toMillis(), count))));
    }

    public CompletableFuture<Answer> pageViews(String pageText, String window, String from, String to, RequestOptions options) {
        String page = QueryParams.page(pageText);
        String store = QueryParams.pageViewsStore(window);
        TimeRange range = TimeRange.parse(from, to, settings.maxRange());
        long size = pageViewsSize(store);
        return router.route(store, page, options, (partition, stale) ->
                new PageViewsResponse(page, window.strip(), range.from(), range.to(),
                        this.<PageViewsWindow>fetchKey(store, page, range, partition, stale,
                                (start, views) -> new PageViewsWindow(page, start, start + size, views))));
    }

    public CompletableFuture<Answer> sessions(String userIdText, String from, String to, RequestOptions options) {
        int userId = QueryParams.userId(userIdText, false);
        TimeRange range = TimeRange.parse(from, to, settings.maxRange());
        String key = Integer.toString(userId);
        return router.route(StoreNames.SESSIONS, key, options, (partition, stale) ->
                new SessionsResponse(userId, range.from(), range.to(),
                        sessionStores.ofUser(key, partition, stale, range.from(), range.to()).stream()
                                .map(session -> session.toSummary(userId))
                                .sorted(Comparator.comparingLong(SessionSummary::sessionStart))
                                .toList()));
    }

    // ---- fanned-out queries -------------------------------------------------------------------------------------

    public Answer topPages(String window, String startText, String nText, RequestOptions options) {
        String store = QueryParams.pageViewsStore(window);
        long at = QueryParams.instant("start", startText);
        int n = QueryParams.topN(nText, settings.maxTopN());
        long advance = store.equals(StoreNames.PAGE_VIEWS_1M) ? windows.pageViewsTumblingSize().toMillis()
                : windows.pageViewsHoppingAdvance().toMillis();
        long start = Math.floorDiv(at, advance) * advance;
        long end = start + pageViewsSize(store);
        FanOut.Gathered<PageViewsWindow> gathered = fanOut.gather(store, options.allowStale(),
                (partitions, stale) -> localTop(store, partitions, start, n, stale),
                partitions -> internalPath(store, partitions, start, start, n, options.allowStale()),
                json -> parse(json, new TypeReference<List<PageViewsWindow>>() { }));
        List<PageViewsWindow> top = gathered.items().stream().sorted(MOST_VIEWED).limit(n).toList();
        return Answer.local(new TopPagesResponse(window.strip(), start, end, n, top), gathered.stale(), describe());
    }

    public Answer totals(String from, String to, RequestOptions options) {
        TimeRange range = TimeRange.parse(from, to, settings.maxRange());
        FanOut.Gathered<StatusCount> statuses = gatherStatusCounts(range, options);
        Map<Long, long[]> byWindow = new TreeMap<>();
        for (StatusCount count : statuses.items()) {
            long[] row = byWindow.computeIfAbsent(count.windowStart(), k -> new long[] {count.windowEnd(), 0, 0});
            row[1] += count.responses();
            if (count.status() >= 400) {
                row[2] += count.responses();
            }
        }
        List<TotalsResponse.Window> rows = new ArrayList<>();
        long events = 0;
        long errorCount = 0;
        for (Map.Entry<Long, long[]> row : byWindow.entrySet()) {
            rows.add(new TotalsResponse.Window(row.getKey(), row.getValue()[0], row.getValue()[1], row.getValue()[2]));
            events += row.getValue()[1];
            errorCount += row.getValue()[2];
        }
        return Answer.local(new TotalsResponse(range.from(), range.to(), events, errorCount, rows), statuses.stale(),
                describe());
    }

    public Answer errorRates(String from, String to, String statusText, RequestOptions options) {
        TimeRange range = TimeRange.parse(from, to, settings.maxRange());
        Integer status = statusText == null || statusText.isBlank() ? null : QueryParams.status(statusText);
        FanOut.Gathered<StatusCount> statuses = gatherStatusCounts(range, options);
        Map<Long, Long> eventsByWindow = new TreeMap<>();
        statuses.items().forEach(s -> eventsByWindow.merge(s.windowStart(), s.responses(), Long::sum));
        List<ErrorRatesResponse.ErrorRate> rows = statuses.items().stream()
                .filter(s -> s.status() >= 400 && (status == null || s.status() == status))
                .sorted(Comparator.comparingLong(StatusCount::windowStart).thenComparingInt(StatusCount::status))
                .map(s -> {
                    long events = eventsByWindow.getOrDefault(s.windowStart(), 0L);
                    return new ErrorRatesResponse.ErrorRate(s.status(), s.windowStart(), s.windowEnd(),
                            s.responses(), events, events == 0 ? null : (double) s.responses() / events);
                })
                .toList();
        return Answer.local(new ErrorRatesResponse(range.from(), range.to(), status, rows), statuses.stale(),
                describe());
    }

    public Answer segments(String from, String to, RequestOptions options) {
        TimeRange range = TimeRange.parse(from, to, settings.maxRange());
        FanOut.Gathered<SegmentActivityWindow> segments = gatherSegments(range, options);
        List<SegmentActivityWindow> rows = segments.items().stream()
                .sorted(Comparator.comparingLong(SegmentActivityWindow::windowStart)
                        .thenComparing(SegmentActivityWindow::city).thenComparing(SegmentActivityWindow::level))
                .toList();
        return Answer.local(new SegmentsResponse(range.from(), range.to(), rows), segments.stale(), describe());
    }

    /**
     * The internal part of a fanned-out query: windows of one store, from the given partitions of this instance
     * only; with {@code n}, the n most viewed pages of those partitions.
     */
    public List<?> localWindows(String store, String partitionsText, String from, String to, String nText,
                                boolean allowStale) {
        List<Integer> partitions = partitions(partitionsText);
        TimeRange range = TimeRange.parse(from, to, settings.maxRange());
        return switch (store) {
            case StoreNames.PAGE_VIEWS_1M, StoreNames.PAGE_VIEWS_5M -> nText == null || nText.isBlank()
                    ? localPageViews(store, partitions, range, allowStale)
                    : localTop(store, partitions, range.from(), QueryParams.topN(nText, settings.maxTopN()),
                    allowStale);
            case StoreNames.ERRORS -> localStatusCounts(partitions, range, allowStale);
            case StoreNames.SEGMENTS -> localSegments(partitions, range, allowStale);
            default -> throw new BadQueryException("store must be one of " + StoreNames.PAGE_VIEWS_1M + ", "
                    + StoreNames.PAGE_VIEWS_5M + ", " + StoreNames.ERRORS + ", " + StoreNames.SEGMENTS + ", was '"
                    + QueryParams.abbreviate(store) + "'");
        };
    }

    public InstancesResponse instances() {
        String selfName = describe();
        KafkaStreams.State state = streams.state();
        List<InstancesResponse.Instance> instances = new ArrayList<>();
        try {
            for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
                Map<String, InstancesResponse.StorePartitions> stores = new LinkedHashMap<>();
                for (String store : StoreNames.ALL) {
                    String topic = catalog.sourceTopic(store);
                    List<Integer> active = instance.stateStoreNames().contains(store)
                            ? partitionsOf(instance.topicPartitions(), topic) : List.of();
                    List<Integer> standby = instance.standbyStateStoreNames().contains(store)
                            ? partitionsOf(instance.standbyTopicPartitions(), topic) : List.of();
                    stores.put(store, new InstancesResponse.StorePartitions(topic, active, standby));
                }
                instances.add(new InstancesResponse.Instance(instance.hostInfo().host(), instance.hostInfo().port(),
                        instance.hostInfo().equals(self), stores));
            }
        } catch (RuntimeException e) {
            // Not running (yet): the answer is the state alone, with no assignment to show.
            instances.clear();
        }
        instances.sort(Comparator.comparing(InstancesResponse.Instance::host)
                .thenComparingInt(InstancesResponse.Instance::port));
        return new InstancesResponse(selfName, state.name(), instances);
    }

    // ---- local reads --------------------------------------------------------------------------------------------

    private <T> List<T> fetchKey(String store, String key, TimeRange range, int partition, boolean stale,
                                 BiFunction<Long, Long, T> toResult) {
        return local.<String, Long, List<T>>window(store, partition, stale, windowStore -> {
            List<T> results = new ArrayList<>();
            try (WindowStoreIterator<Long> found = windowStore.fetch(key, java.time.Instant.ofEpochMilli(range.from()), java.time.Instant.ofEpochMilli(range.to()))) {
                found.forEachRemaining(entry -> results.add(toResult.apply(entry.key, entry.value)));
            }
            return results;
        });
    }

    private <V, T> List<T> fetchAll(String store, List<Integer> partitions, TimeRange range, boolean stale,
                                    BiFunction<Windowed<String>, V, T> toResult) {
        List<T> results = new ArrayList<>();
        for (int partition : partitions) {
            results.addAll(local.<String, V, List<T>>window(store, partition, stale, windowStore -> {
                List<T> part = new ArrayList<>();
                try (KeyValueIterator<Windowed<String>, V> found = windowStore.fetchAll(java.time.Instant.ofEpochMilli(range.from()),
                        java.time.Instant.ofEpochMilli(range.to()))) {
                    while (found.hasNext()) {
                        KeyValue<Windowed<String>, V> entry = found.next();
                        part.add(toResult.apply(entry.key, entry.value));
                    }
                }
                return part;
            }));
        }
        return results;
    }

    private List<PageViewsWindow> localPageViews(String store, List<Integer> partitions, TimeRange range,
                                                 boolean stale) {
        return this.<Long, PageViewsWindow>fetchAll(store, partitions, range, stale, (window, views) ->
                new PageViewsWindow(window.key(), window.window().start(), window.window().end(), views));
    }

    private List<PageViewsWindow> localTop(String store, List<Integer> partitions, long start, int n,
                                           boolean stale) {
        return localPageViews(store, partitions, new TimeRange(start, start), stale).stream()
                .sorted(MOST_VIEWED).limit(n).toList();
    }

    private List<StatusCount> localStatusCounts(List<Integer> partitions, TimeRange range, boolean stale) {
        return this.<Long, StatusCount>fetchAll(StoreNames.ERRORS, partitions, range, stale, (window, responses) ->
                new StatusCount(Integer.parseInt(window.key()), window.window().start(), window.window().end(),
                        responses));
    }

    private List<SegmentActivityWindow> localSegments(List<Integer> partitions, TimeRange range, boolean stale) {
        return this.<SegmentAggregate, SegmentActivityWindow>fetchAll(StoreNames.SEGMENTS, partitions, range, stale,
                (window, aggregate) -> aggregate.toWindow(window.window().start(), window.window().end()));
    }

    private FanOut.Gathered<SegmentActivityWindow> gatherSegments(TimeRange range, RequestOptions options) {
        return fanOut.gather(StoreNames.SEGMENTS, options.allowStale(),
                (partitions, stale) -> localSegments(partitions, range, stale),
                partitions -> internalPath(StoreNames.SEGMENTS, partitions, range.from(), range.to(), 0,
                        options.allowStale()),
                json -> parse(json, new TypeReference<List<SegmentActivityWindow>>() { }));
    }

    private FanOut.Gathered<StatusCount> gatherStatusCounts(TimeRange range, RequestOptions options) {
        return fanOut.gather(StoreNames.ERRORS, options.allowStale(),
                (partitions, stale) -> localStatusCounts(partitions, range, stale),
                partitions -> internalPath(StoreNames.ERRORS, partitions, range.from(), range.to(), 0,
                        options.allowStale()),
                json -> parse(json, new TypeReference<List<StatusCount>>() { }));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private long pageViewsSize(String store) {
        return store.equals(StoreNames.PAGE_VIEWS_1M) ? windows.pageViewsTumblingSize().toMillis()
                : windows.pageViewsHoppingSize().toMillis();
    }

    private static String internalPath(String store, List<Integer> partitions, long from, long to, int n,
                                       boolean allowStale) {
        return INTERNAL_WINDOWS_PATH + URLEncoder.encode(store, StandardCharsets.UTF_8)
                + "?partitions=" + FanOut.partitionList(partitions) + "&from=" + from + "&to=" + to
                + (n > 0 ? "&n=" + n : "") + (allowStale ? "&allowStale=true" : "");
    }

    private <T> List<T> parse(String json, TypeReference<List<T>> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new UnavailableException("another instance sent an unreadable answer: " + e.getMessage(), e);
        }
    }

    private static List<Integer> partitions(String text) {
        String value = QueryParams.required("partitions", text);
        List<Integer> partitions = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                int partition = Integer.parseInt(part.strip());
                if (partition < 0 || partition > 100_000) {
                    throw new NumberFormatException();
                }
                partitions.add(partition);
            } catch (NumberFormatException e) {
                throw new BadQueryException("partitions must be a comma-separated list of partition numbers, was '"
                        + QueryParams.abbreviate(value) + "'");
            }
        }
        if (partitions.size() > 1024) {
            throw new BadQueryException("at most 1024 partitions per request");
        }
        return partitions;
    }

    private static List<Integer> partitionsOf(java.util.Set<TopicPartition> partitions, String topic) {
        return partitions.stream().filter(p -> p.topic().equals(topic)).map(TopicPartition::partition).sorted()
                .toList();
    }

    private String describe() {
        return KeyRouter.describe(self);
    }
}
