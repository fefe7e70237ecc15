package dev.eddy.enricher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enricher's own counters (Kafka Streams' metrics are bound separately by Quarkus). Prometheus names:
 * {@code eddy_enricher_records_in_total{topic}}, {@code eddy_enricher_records_out_total},
 * {@code eddy_enricher_join_hits_total}, {@code eddy_enricher_join_misses_total{cause}} and
 * {@code eddy_enricher_dead_letters_total{reason,topic}} and {@code eddy_enricher_status_definitions_unreadable_total}.
 * Labels are bounded: topic names and reason codes only.
 *
 * <p>They count processing, not committed output: after a crash, records replayed from the last commit are counted
 * again, while the output topics still hold each record once.
 */
public final class EnricherMetrics {

    public static final String RECORDS_IN = "eddy.enricher.records.in";
    public static final String RECORDS_OUT = "eddy.enricher.records.out";
    public static final String JOIN_HITS = "eddy.enricher.join.hits";
    public static final String JOIN_MISSES = "eddy.enricher.join.misses";
    public static final String DEAD_LETTERS = "eddy.enricher.dead.letters";
    public static final String UNREADABLE_STATUS_DEFINITIONS = "eddy.enricher.status.definitions.unreadable";

    /** Why a click has no user: it says it is anonymous, or no version of its user was found at its event time. */
    public static final String CAUSE_ANONYMOUS = "anonymous";
    public static final String CAUSE_UNKNOWN_USER = "unknown_user";

    private final MeterRegistry registry;
    private final Map<String, Counter> recordsIn = new ConcurrentHashMap<>();
    private final Counter joinHits;
    private final Counter anonymousClicks;
    private final Counter unknownUserClicks;
    private final Counter unreadableStatusDefinitions;

    public EnricherMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.joinHits = Counter.builder(JOIN_HITS)
                .description("Clicks joined with a version of their user").register(registry);
        this.anonymousClicks = joinMiss(CAUSE_ANONYMOUS);
        this.unknownUserClicks = joinMiss(CAUSE_UNKNOWN_USER);
        this.unreadableStatusDefinitions = Counter.builder(UNREADABLE_STATUS_DEFINITIONS)
                .description("Clicks whose status-code reference entry could not be decoded (enriched as if it were"
                        + " missing)")
                .register(registry);
        // Every enriched click is exactly one hit or one miss: the sum, taken when scraped, instead of a second
        // increment per click (counters shared by the stream threads are a visible cost on the per-click path).
        // The registry holds this object weakly; the topology's processors hold it for as long as the app runs.
        FunctionCounter.builder(RECORDS_OUT, this, EnricherMetrics::recordsOut)
                .description("Enriched clicks written").register(registry);
    }

    public void recordIn(String topic) {
        recordsIn(topic).increment();
    }

    /**
     * The records-in counter of one input topic, for a processor to look up once and increment per record (a map
     * lookup per record is the kind of overhead the per-click path avoids).
     */
    public Counter recordsIn(String topic) {
        return recordsIn.computeIfAbsent(topic, name -> Counter.builder(RECORDS_IN)
                .description("Records read from an input topic").tag("topic", name)
                .register(registry));
    }

    /** One enriched click written, joined with a version of its user. */
    public void joined() {
        joinHits.increment();
    }

    /** One enriched click written without user fields because it is anonymous ({@code userid} -1). */
    public void anonymous() {
        anonymousClicks.increment();
    }

    /** One enriched click written without user fields because no version of its user was found at its time. */
    public void unknownUser() {
        unknownUserClicks.increment();
    }

    /** A click found an undecodable status-code entry (one loaded at start, before any check) and used none. */
    public void unreadableStatusDefinition() {
        unreadableStatusDefinitions.increment();
    }

    public void deadLetter(String reason, String topic) {
        Counter.builder(DEAD_LETTERS)
                .description("Records sent to the dead-letter topic, by reason and source topic")
                .tag("reason", reason).tag("topic", topic)
                .register(registry).increment();
    }

    private double recordsOut() {
        return joinHits.count() + anonymousClicks.count() + unknownUserClicks.count();
    }

    private Counter joinMiss(String cause) {
        return Counter.builder(JOIN_MISSES)
                .description("Clicks enriched without user attributes, by cause").tag("cause", cause)
                .register(registry);
    }
}
