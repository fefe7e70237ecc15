package dev.eddy.aggregator.dashboard;

import dev.eddy.aggregator.dashboard.DashboardSnapshot.Pipeline;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.ReasonCount;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.RejectedRecord;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.RejectedRecords;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.Stage;
import dev.eddy.aggregator.streams.LateEventHeaders;
import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pipeline figures from the broker, cheaply: per sample one ListOffsets call (end offsets of the stage topics, start
 * and end of the side topics), one ListConsumerGroupOffsets call (enricher, aggregator, lake writer), and one
 * short poll of a group-less consumer that follows the dead-letter and late topics (see {@link #pollTail}).
 * Not thread-safe: one sampling thread calls {@link #sample()}.
 */
public final class PipelineSampler implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TOPIC_REFRESH = Duration.ofSeconds(30);
    /** A side topic this small (in offsets) is read from its start once, so its count is exact. */
    private static final long MAX_REPLAY = 50_000;
    /** Bounds the work of one sample while catching up. */
    private static final int MAX_RECORDS_PER_SAMPLE = 5_000;

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> tail;
    private final DashboardSettings settings;
    private final String aggregatorGroup;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();
    /** When the partition lists were last read; 0 = never (epoch ms, so any real time is long after it). */
    private long partitionsAt;
    private final Map<String, Long> previousSums = new HashMap<>();
    private long previousAt;
    private final Map<String, Deque<RejectedRecord>> latest = new HashMap<>();
    private final Map<String, Map<String, Long>> reasons = new HashMap<>();
    private boolean tailing;
    private final Map<String, Boolean> fromStart = new HashMap<>();
    private final Map<String, Boolean> caughtUp = new HashMap<>();
    private final Map<String, Long> counted = new HashMap<>();

    public PipelineSampler(Properties kafka, DashboardSettings settings, String aggregatorGroup) {
        this.settings = settings;
        this.aggregatorGroup = aggregatorGroup;
        this.admin = Admin.create(kafka);
        Properties consumer = new Properties();
        consumer.putAll(kafka);
        // No group: the tail consumer is assigned partitions by hand and never commits.
        consumer.put("enable.auto.commit", "false");
        consumer.put("isolation.level", "read_committed");
        consumer.put("max.poll.records", "200");
        consumer.put("client.id", "eddy-aggregator-dashboard-tail");
        this.tail = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public Pipeline sample() {
        long now = System.currentTimeMillis();
        try {
            refreshPartitions(now);
            Map<TopicPartition, Long> ends = offsets(OffsetSpec.latest(), Topics.CLICKS, Topics.ENRICHED,
                    Topics.DEAD_LETTERS, Topics.LATE_EVENTS, Topics.PAGE_VIEWS_1M, Topics.USER_ACTIVITY_1M,
                    Topics.PAGE_VIEWS_5M, Topics.SESSIONS, Topics.ERRORS_1M, Topics.SEGMENT_ACTIVITY_1M);
            Map<TopicPartition, Long> starts = offsets(OffsetSpec.earliest(), Topics.DEAD_LETTERS,
                    Topics.LATE_EVENTS);
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committed();
            Map<String, Long> sums = new HashMap<>();
            List<Stage> stages = List.of(
                    stage(sums, "generated", Topics.CLICKS, null, ends, committed, now),
                    stage(sums, "enriched", Topics.ENRICHED, null, ends, committed, now),
                    stage(sums, "read by the enricher", Topics.CLICKS, settings.enricherGroup(), ends, committed, now),
                    stage(sums, "aggregated", Topics.ENRICHED, aggregatorGroup, ends, committed, now),
                    windowResults(sums, ends, now),
                    stage(sums, "written to the lake", Topics.ENRICHED, settings.lakeWriterGroup(), ends, committed,
                            now));
            previousSums.clear();
            previousSums.putAll(sums);
            previousAt = now;
            pollTail(starts, ends);
            return new Pipeline(null, stages, rejected(Topics.DEAD_LETTERS, starts, ends),
                    rejected(Topics.LATE_EVENTS, starts, ends));
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            return new Pipeline("cannot read offsets from Kafka: " + e, List.of(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Pipeline("interrupted", List.of(), null, null);
        }
    }

    // ---- stages -------------------------------------------------------------------------------------------------

    /** A stage measured by the end offsets of its output topic (no group) or by a group's committed offsets. */
    private Stage stage(Map<String, Long> sums, String name, String topic, String group,
                        Map<TopicPartition, Long> ends, Map<String, Map<TopicPartition, OffsetAndMetadata>> committed,
                        long now) {
        List<TopicPartition> topicPartitions = partitions.getOrDefault(topic, List.of());
        if (topicPartitions.isEmpty()) {
            return new Stage(name, topic, group, null, null, false);
        }
        long end = sum(topicPartitions, ends);
        if (group == null) {
            String key = "end:" + topic;
            sums.put(key, end);
            return new Stage(name, topic, null, StageRates.rate(previousSums.get(key), previousAt, end, now), null,
                    true);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group, Map.of());
        if (topicPartitions.stream().noneMatch(offsets::containsKey)) {
            return new Stage(name, topic, group, null, null, true);
        }
        long position = 0;
        long lag = 0;
        for (TopicPartition partition : topicPartitions) {
            OffsetAndMetadata at = offsets.get(partition);
            long done = at == null ? 0 : at.offset();
            position += done;
            lag += Math.max(0, ends.getOrDefault(partition, 0L) - done);
        }
        String key = "group:" + group + ":" + topic;
        sums.put(key, position);
        return new Stage(name, topic, group, StageRates.rate(previousSums.get(key), previousAt, position, now), lag,
                true);
    }

    /** Final window results the aggregator emitted, all window topics together. */
    private Stage windowResults(Map<String, Long> sums, Map<TopicPartition, Long> ends, long now) {
        List<String> topics = List.of(Topics.USER_ACTIVITY_1M, Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M,
                Topics.SESSIONS, Topics.ERRORS_1M, Topics.SEGMENT_ACTIVITY_1M);
        List<TopicPartition> all = topics.stream().flatMap(t -> partitions.getOrDefault(t, List.of()).stream())
                .toList();
        if (all.isEmpty()) {
            return new Stage("window results", "clickstream.windows.*", null, null, null, false);
        }
        long end = sum(all, ends);
        sums.put("end:windows", end);
        return new Stage("window results", "clickstream.windows.*", null,
                StageRates.rate(previousSums.get("end:windows"), previousAt, end, now), null, true);
    }

    // ---- side topics --------------------------------------------------------------------------------------------

    /**
     * Reads new records of the side topics. At the first sample a side topic holding at most {@link #MAX_REPLAY}
     * offsets is read from its start, so its count is exact; a larger one is read from a few records before its end
     * (the latest reasons show at once, history is never read in full) and its total is the offset span.
     */
    private void pollTail(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        List<TopicPartition> side = new ArrayList<>();
        side.addAll(partitions.getOrDefault(Topics.DEAD_LETTERS, List.of()));
        side.addAll(partitions.getOrDefault(Topics.LATE_EVENTS, List.of()));
        if (side.isEmpty()) {
            return;
        }
        if (!tailing || !Set.copyOf(tail.assignment()).equals(Set.copyOf(side))) {
            tail.assign(side);
            for (String topic : List.of(Topics.DEAD_LETTERS, Topics.LATE_EVENTS)) {
                List<TopicPartition> topicPartitions = partitions.getOrDefault(topic, List.of());
                long span = 0;
                for (TopicPartition partition : topicPartitions) {
                    span += ends.getOrDefault(partition, 0L) - starts.getOrDefault(partition, 0L);
                }
                boolean replay = span <= MAX_REPLAY;
                fromStart.put(topic, replay);
                for (TopicPartition partition : topicPartitions) {
                    long end = ends.getOrDefault(partition, 0L);
                    tail.seek(partition, replay ? starts.getOrDefault(partition, 0L)
                            : Math.max(0, end - settings.latestRecords()));
                }
            }
            tailing = true;
        }
        int consumed = 0;
        ConsumerRecords<byte[], byte[]> records;
        do {
            records = tail.poll(Duration.ofMillis(50));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                remember(record);
            }
            consumed += records.count();
        } while (!records.isEmpty() && consumed < MAX_RECORDS_PER_SAMPLE);
        for (String topic : List.of(Topics.DEAD_LETTERS, Topics.LATE_EVENTS)) {
            caughtUp.put(topic, partitions.getOrDefault(topic, List.of()).stream()
                    .allMatch(p -> tail.position(p) >= ends.getOrDefault(p, 0L)));
        }
    }

    private void remember(ConsumerRecord<byte[], byte[]> record) {
        RejectedRecord rejected = record.topic().equals(Topics.DEAD_LETTERS) ? deadLetter(record) : lateEvent(record);
        Deque<RejectedRecord> kept = latest.computeIfAbsent(record.topic(), t -> new ArrayDeque<>());
        kept.addLast(rejected);
        while (kept.size() > settings.latestRecords()) {
            kept.removeFirst();
        }
        reasons.computeIfAbsent(record.topic(), t -> new TreeMap<>()).merge(rejected.reason(), 1L, Long::sum);
        counted.merge(record.topic(), 1L, Long::sum);
    }

    private static RejectedRecord deadLetter(ConsumerRecord<byte[], byte[]> record) {
        return DeadLetterHeaders.readFrom(record.headers())
                .map(h -> new RejectedRecord(record.timestamp(), record.partition(), record.offset(), h.reason(),
                        h.errorMessage(), h.stage()))
                .orElse(new RejectedRecord(record.timestamp(), record.partition(), record.offset(), "no_headers",
                        "record without dead-letter headers", ""));
    }

    private static RejectedRecord lateEvent(ConsumerRecord<byte[], byte[]> record) {
        String window = text(record.headers(), LateEventHeaders.WINDOW);
        String streamTime = text(record.headers(), LateEventHeaders.STREAM_TIME);
        return new RejectedRecord(record.timestamp(), record.partition(), record.offset(),
                window == null ? "unknown window" : window,
                streamTime == null ? "" : "event time " + instant(record.timestamp()) + " arrived at stream time "
                        + instantText(streamTime),
                "aggregator");
    }

    private RejectedRecords rejected(String topic, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        List<TopicPartition> topicPartitions = partitions.getOrDefault(topic, List.of());
        long span = 0;
        for (TopicPartition partition : topicPartitions) {
            span += Math.max(0, ends.getOrDefault(partition, 0L) - starts.getOrDefault(partition, 0L));
        }
        // Exact when every record was read; otherwise the offset span, which transaction markers inflate.
        boolean exact = fromStart.getOrDefault(topic, false) && caughtUp.getOrDefault(topic, false);
        long total = exact ? counted.getOrDefault(topic, 0L) : span;
        List<ReasonCount> counts = reasons.getOrDefault(topic, Map.of()).entrySet().stream()
                .map(e -> new ReasonCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ReasonCount::count).reversed()).toList();
        List<RejectedRecord> newestFirst = new ArrayList<>(latest.getOrDefault(topic, new ArrayDeque<>()));
        newestFirst.sort(Comparator.comparingLong(RejectedRecord::timestamp).reversed());
        return new RejectedRecords(topic, total, exact, counts, newestFirst);
    }

    // ---- broker calls -------------------------------------------------------------------------------------------

    private void refreshPartitions(long now) throws ExecutionException, InterruptedException, TimeoutException {
        if (now - partitionsAt < TOPIC_REFRESH.toMillis()) {
            return;
        }
        Set<String> existing = admin.listTopics().names().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<String> wanted = List.of(Topics.CLICKS, Topics.ENRICHED, Topics.DEAD_LETTERS, Topics.LATE_EVENTS,
                Topics.USER_ACTIVITY_1M, Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M, Topics.SESSIONS,
                Topics.ERRORS_1M, Topics.SEGMENT_ACTIVITY_1M).stream().filter(existing::contains).toList();
        Map<String, TopicDescription> described = wanted.isEmpty() ? Map.of()
                : admin.describeTopics(wanted).allTopicNames().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        partitions.clear();
        described.forEach((name, description) -> partitions.put(name, description.partitions().stream()
                .map(p -> new TopicPartition(name, p.partition())).toList()));
        partitionsAt = now;
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec, String... topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (String topic : topics) {
            partitions.getOrDefault(topic, List.of()).forEach(p -> request.put(p, spec));
        }
        if (request.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(request).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committed()
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, ListConsumerGroupOffsetsSpec> groups = new LinkedHashMap<>();
        for (String group : List.of(settings.enricherGroup(), aggregatorGroup, settings.lakeWriterGroup())) {
            groups.put(group, new ListConsumerGroupOffsetsSpec());
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> all = admin.listConsumerGroupOffsets(groups).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> cleaned = new HashMap<>();
        // A partition the group never committed comes back with a null value.
        all.forEach((group, offsets) -> {
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            cleaned.put(group, present);
        });
        return cleaned;
    }

    private static long sum(Collection<TopicPartition> topicPartitions, Map<TopicPartition, Long> offsets) {
        long sum = 0;
        for (TopicPartition partition : topicPartitions) {
            sum += offsets.getOrDefault(partition, 0L);
        }
        return sum;
    }

    /** A header written by another program may not be a number: show it as it is then. */
    private static String instantText(String millis) {
        try {
            return instant(Long.parseLong(millis.strip()));
        } catch (NumberFormatException e) {
            return millis;
        }
    }

    private static String instant(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString();
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        tail.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
