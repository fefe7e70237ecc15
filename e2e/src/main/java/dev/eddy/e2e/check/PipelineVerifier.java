package dev.eddy.e2e.check;

import dev.eddy.e2e.pipeline.Pipeline;
import dev.eddy.e2e.pipeline.Polling;
import dev.eddy.e2e.pipeline.TopicReader;
import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import dev.eddy.launcher.services.EddyService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * Checks a finished bounded run against the generator's ground truth: the aggregator's answers (HTTP API), the lake
 * (SQL), and the books (every input record enriched or dead-lettered, none twice). Every check polls with a deadline
 * and, when it gives up, says what still differs.
 *
 * <p>Window closing: the API reads the stores' current values, open windows included, so it is compared with the
 * whole truth as soon as the aggregator has caught up. The lake's {@code clickstream_enriched} holds every click
 * once its files are flushed (idle flush), so its counts per page and minute are compared with the whole truth too.
 * The lake's {@code sessions} table holds final results only, written when a session closes; the verifier makes
 * every session close by moving stream time on ({@link StreamTimeTicks}) and then compares that table with every
 * truth session.
 */
public final class PipelineVerifier {

    private final Pipeline pipeline;
    private final PrintStream log;
    private final Duration timeout;

    public PipelineVerifier(Pipeline pipeline, PrintStream log, Duration timeout) {
        this.pipeline = pipeline;
        this.log = log;
        this.timeout = timeout;
    }

    /**
     * Produces every injected kind of bad input, each tagged with its kind in a header. Kinds the broker must refuse
     * are checked to be refused (they never reach Eddy), with a producer of their own so that a refusal cannot
     * disturb the others; every other kind must be accepted by Kafka.
     */
    public static void inject(String bootstrapServers, List<BadInput> inputs) {
        send(bootstrapServers, inputs.stream().filter(input -> !input.refusedByKafka()).toList(), false);
        for (BadInput refused : inputs.stream().filter(BadInput::refusedByKafka).toList()) {
            send(bootstrapServers, List.of(refused), true);
        }
    }

    private static void send(String bootstrapServers, List<BadInput> inputs, boolean mustBeRefused) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, !mustBeRefused,
                ProducerConfig.RETRIES_CONFIG, mustBeRefused ? 0 : Integer.MAX_VALUE,
                // The oversized kinds are below the broker's 1 MiB record limit but above the client's default.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (BadInput input : inputs) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(BadInput.KIND_HEADER, input.kind().getBytes(StandardCharsets.UTF_8));
                acks.add(producer.send(new ProducerRecord<>(input.topic(), null, null, input.key(), input.value(),
                        headers)));
            }
            producer.flush();
            for (var ack : acks) {
                ack.get();
            }
            if (mustBeRefused) {
                throw new AssertionError("Kafka accepted bad input " + inputs.get(0).kind()
                        + ", which the broker should refuse at produce time");
            }
        } catch (ExecutionException e) {
            if (!mustBeRefused) {
                throw new IllegalStateException("a bad-input record was refused by Kafka: " + e.getCause(),
                        e.getCause());
            }
            // Refused by the broker, as it must be: the record never exists, so there is nothing to account for.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs every check; throws an AssertionError naming the first difference that does not go away. */
    public void verify(List<BadInput> injected) {
        String bootstrap = pipeline.bootstrapServers();
        // The generator reports "done" once its last transaction is committed; the commit markers that make it
        // readable follow a moment later.
        for (String topic : List.of(Topics.TRUTH_PAGE_VIEWS, Topics.TRUTH_SESSIONS)) {
            Polling.until("the generator's last transaction readable on " + topic, timeout,
                    () -> TopicReader.pendingTransactions(bootstrap, topic));
        }
        GroundTruth truth = GroundTruth.read(bootstrap);
        log.printf("truth: %d clicks, %d page-minute windows, %d sessions of %d users%n", truth.clicks(),
                truth.pageViews().size(), truth.sessionCount(), truth.sessionsByUser().size());
        if (truth.clicks() == 0 || truth.sessionCount() == 0) {
            throw new AssertionError("the ground truth is empty: the generator run produced nothing to compare");
        }
        if (truth.clicks() != pipeline.settings().maxEvents()) {
            throw new AssertionError("the truth counts " + truth.clicks() + " clicks, the run emitted "
                    + pipeline.settings().maxEvents());
        }
        AggregatorApi api = new AggregatorApi(pipeline.baseUrl(EddyService.AGGREGATOR));
        Polling.until("aggregator API equal to the ground truth", timeout, () -> apiDifference(api, truth));
        log.println("aggregator API: page views per page per minute, totals and every user's sessions equal the truth");

        Lake lake = new Lake(pipeline.settings().lake());
        Polling.until("lake clickstream_enriched equal to the ground truth", timeout,
                () -> lakeClicksDifference(lake, truth));
        log.println("lake: clickstream_enriched counts per page per minute equal the truth, no event twice");

        long lastSessionEnd = truth.sessionsByUser().values().stream().flatMap(Set::stream)
                .mapToLong(SessionSummary::sessionEnd).max().orElseThrow();
        long tickTime = Math.max(lastSessionEnd, truth.lastWindow() + 60_000) + pipeline.settings().grace().toMillis()
                + pipeline.settings().sessionGap().toMillis() + Duration.ofMinutes(10).toMillis();
        int ticks;
        try (StreamTimeTicks ticker = new StreamTimeTicks(bootstrap, pipeline.settings().partitions(), tickTime)) {
            Polling.until("lake sessions equal to the ground truth", timeout, () -> {
                ticker.sendWave();
                return lakeSessionsDifference(lake, truth);
            });
            ticks = ticker.sent();
        }
        log.printf("lake: sessions table equals the truth's %d sessions (after %d stream-time ticks)%n",
                truth.sessionCount(), ticks);

        Polling.until("every input record accounted for", timeout, () -> booksDifference(truth, injected, ticks, lake));
        log.println("books: clickstream = enriched + dead letters, each bad input once in the DLQ with its reason,"
                + " lake rows = enriched records, no event_id twice");
    }

    private String apiDifference(AggregatorApi api, GroundTruth truth) {
        long from = truth.firstWindow();
        long to = truth.lastWindow();
        Map<Long, Long> totals = api.totals(from, to);
        if (!totals.equals(truth.clicksPerMinute())) {
            return "totals per minute differ: " + diff(truth.clicksPerMinute(), totals);
        }
        for (String page : truth.pages()) {
            Map<Long, Long> expected = new TreeMap<>();
            truth.pageViews().forEach((key, views) -> {
                if (key.page().equals(page)) {
                    expected.put(key.windowStart(), views);
                }
            });
            Map<Long, Long> actual = api.pageViews(page, from, to);
            if (!actual.equals(expected)) {
                return "page views of " + page + " differ: " + diff(expected, actual);
            }
        }
        for (Map.Entry<Integer, Set<SessionSummary>> entry : truth.sessionsByUser().entrySet()) {
            Set<SessionSummary> expected = entry.getValue();
            long sessionsFrom = expected.stream().mapToLong(SessionSummary::sessionStart).min().orElseThrow();
            long sessionsTo = expected.stream().mapToLong(SessionSummary::sessionEnd).max().orElseThrow();
            List<SessionSummary> actual = api.sessions(entry.getKey(), sessionsFrom, sessionsTo);
            Set<SessionSummary> actualSet = new TreeSet<>(Sessions.ORDER);
            actualSet.addAll(actual);
            if (actual.size() != actualSet.size() || !actualSet.equals(expected)) {
                return "sessions of user " + entry.getKey() + " differ: expected " + expected + ", API " + actual;
            }
        }
        return null;
    }

    private String lakeClicksDifference(Lake lake, GroundTruth truth) {
        Lake.EnrichedCounts counts = lake.enriched(StreamTimeTicks.PAGE_PREFIX);
        if (counts.rows() != counts.distinctEventIds()) {
            return counts.rows() + " rows but " + counts.distinctEventIds() + " distinct event ids";
        }
        if (!counts.perPageMinute().equals(truth.pageViews())) {
            return "counts per page per minute differ (" + counts.rows() + " rows so far): "
                    + diff(truth.pageViews(), counts.perPageMinute());
        }
        return null;
    }

    private String lakeSessionsDifference(Lake lake, GroundTruth truth) {
        List<SessionSummary> rows = lake.sessions().stream().filter(s -> !StreamTimeTicks.isTickUser(s.userId()))
                .toList();
        Set<SessionSummary> actual = new TreeSet<>(Sessions.ORDER);
        actual.addAll(rows);
        Set<SessionSummary> expected = new TreeSet<>(Sessions.ORDER);
        truth.sessionsByUser().values().forEach(expected::addAll);
        if (rows.size() != actual.size()) {
            return "the sessions table holds a session twice (" + rows.size() + " rows, " + actual.size()
                    + " distinct)";
        }
        if (!actual.equals(expected)) {
            Set<SessionSummary> missing = new TreeSet<>(Sessions.ORDER);
            missing.addAll(expected);
            missing.removeAll(actual);
            Set<SessionSummary> extra = new TreeSet<>(Sessions.ORDER);
            extra.addAll(actual);
            extra.removeAll(expected);
            return missing.size() + " truth sessions missing (e.g. " + first(missing) + "), " + extra.size()
                    + " unexpected (e.g. " + first(extra) + ")";
        }
        return null;
    }

    private String booksDifference(GroundTruth truth, List<BadInput> injected, int ticks, Lake lake) {
        String bootstrap = pipeline.bootstrapServers();
        List<ConsumerRecord<byte[], byte[]>> clicks = TopicReader.readAll(bootstrap, Topics.CLICKS);
        List<ConsumerRecord<byte[], byte[]>> enriched = TopicReader.readAll(bootstrap, Topics.ENRICHED);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicReader.readAll(bootstrap, Topics.DEAD_LETTERS);
        List<BadInput> reachingEddy = injected.stream().filter(i -> !i.refusedByKafka()).toList();
        long badClicks = reachingEddy.stream().filter(i -> i.topic().equals(Topics.CLICKS)).count();
        long badUsers = reachingEddy.size() - badClicks;
        Map<String, Long> dlqBySource = new TreeMap<>();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> dlqByKind = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
            dlqBySource.merge(header(record, DeadLetterHeaders.SOURCE_TOPIC), 1L, Long::sum);
            String kind = header(record, BadInput.KIND_HEADER);
            dlqByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(record);
        }
        // Each kind of bad input first: when the books do not balance, this says which record went astray.
        List<String> missing = new ArrayList<>();
        for (BadInput input : reachingEddy) {
            List<ConsumerRecord<byte[], byte[]>> letters = dlqByKind.getOrDefault(input.kind(), List.of());
            if (letters.size() != 1) {
                missing.add(input.kind() + " (" + letters.size() + " times)");
                continue;
            }
            ConsumerRecord<byte[], byte[]> letter = letters.get(0);
            String reason = header(letter, DeadLetterHeaders.REASON);
            if (!input.expectedReason().equals(reason)) {
                missing.add(input.kind() + " as '" + reason + "' (" + header(letter, DeadLetterHeaders.ERROR_MESSAGE)
                        + "), expected '" + input.expectedReason() + "'");
            } else if (!input.topic().equals(header(letter, DeadLetterHeaders.SOURCE_TOPIC))
                    || !Arrays.equals(input.value(), letter.value()) || !Arrays.equals(input.key(), letter.key())) {
                missing.add(input.kind() + " not kept byte for byte with its source topic");
            }
        }
        if (!missing.isEmpty()) {
            return "bad input not exactly once in the DLQ with its reason: " + missing;
        }
        long expectedClicks = truth.clicks() + ticks + badClicks;
        if (clicks.size() != expectedClicks) {
            return "clickstream holds " + clicks.size() + " records, expected " + expectedClicks + " (" + truth.clicks()
                    + " generated + " + ticks + " ticks + " + badClicks + " bad)";
        }
        var decoder = EventSerdes.enrichedClick().deserializer();
        Set<String> eventIds = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : enriched) {
            EnrichedClick click = decoder.deserialize(Topics.ENRICHED, record.value());
            if (!eventIds.add(click.eventId())) {
                return "event " + click.eventId() + " enriched twice";
            }
        }
        long dlqClicks = dlqBySource.getOrDefault(Topics.CLICKS, 0L);
        if (enriched.size() + dlqClicks != clicks.size()) {
            return "clickstream " + clicks.size() + " != enriched " + enriched.size() + " + dead letters " + dlqClicks;
        }
        if (enriched.size() != truth.clicks() + ticks) {
            return "enriched " + enriched.size() + " != generated " + truth.clicks() + " + ticks " + ticks;
        }
        if (dlqClicks != badClicks || dlqBySource.getOrDefault(Topics.USERS, 0L) != badUsers) {
            return "dead letters by source topic " + dlqBySource + ", expected " + badClicks + " clicks and "
                    + badUsers + " users";
        }
        Lake.EnrichedCounts lakeCounts = lake.enriched(StreamTimeTicks.PAGE_PREFIX);
        if (lakeCounts.rows() != enriched.size() || lakeCounts.distinctEventIds() != enriched.size()) {
            return "lake holds " + lakeCounts.rows() + " rows (" + lakeCounts.distinctEventIds()
                    + " distinct events), the enriched topic " + enriched.size();
        }
        return null;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <K, V> String diff(Map<K, V> expected, Map<K, V> actual) {
        List<String> lines = new ArrayList<>();
        Set<K> keys = new java.util.LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (K key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                lines.add(key + ": truth " + expected.get(key) + ", got " + actual.get(key));
                if (lines.size() == 5) {
                    lines.add("...");
                    break;
                }
            }
        }
        return String.join("; ", lines);
    }

    private static Object first(Set<?> set) {
        return set.isEmpty() ? "none" : set.iterator().next();
    }
}
