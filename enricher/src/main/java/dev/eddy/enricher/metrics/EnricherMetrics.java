package dev.eddy.enricher.metrics;

import dev.eddy.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

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

    private static final String RECORDS_IN_DESCRIPTION = "Records read from an input topic";

    /** Why a click has no user: it says it is anonymous, or no version of its user was found at its event time. */
    public static final String CAUSE_ANONYMOUS = "anonymous";
    public static final String CAUSE_UNKNOWN_USER = "unknown_user";

    private final MeterRegistry registry;
    private final Map<String, Counter> recordsIn = new ConcurrentHashMap<>();
    private final Counter unreadableStatusDefinitions;
    /** The counts of the processors that are open, and what the closed ones counted. Guarded by this object. */
    private final Set<ClickCounts> openCounts = new HashSet<>();
    private final ClickCounts closedCounts = new ClickCounts();

    public EnricherMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unreadableStatusDefinitions = Counter.builder(UNREADABLE_STATUS_DEFINITIONS)
                .description("Clicks whose status-code reference entry could not be decoded (enriched as if it were"
                        + " missing)")
                .register(registry);
        // Sums over the processors' own counts, taken when scraped (see ClickCounts). The registry holds this object
        // weakly; the topology's processors hold it for as long as the app runs.
        FunctionCounter.builder(RECORDS_IN, this, metrics -> metrics.sum(counts -> counts.clicksIn.get()))
                .description(RECORDS_IN_DESCRIPTION).tag("topic", Topics.CLICKS).register(registry);
        FunctionCounter.builder(JOIN_HITS, this, metrics -> metrics.sum(counts -> counts.joined.get()))
                .description("Clicks joined with a version of their user").register(registry);
        joinMiss(CAUSE_ANONYMOUS, counts -> counts.anonymous.get());
        joinMiss(CAUSE_UNKNOWN_USER, counts -> counts.unknownUser.get());
        // Every enriched click is exactly one hit or one miss.
        FunctionCounter.builder(RECORDS_OUT, this, metrics -> metrics.sum(ClickCounts::enriched))
                .description("Enriched clicks written").register(registry);
    }

    /**
     * What one click processor counts: clicks read from {@value Topics#CLICKS} and enriched clicks by join outcome.
     * Only the stream thread that runs the processor writes them, so a count is a plain increment, published in order
     * to the thread that scrapes, instead of an update of a counter shared with the other stream threads (that was
     * ≈ 1.4 % of the stream threads' samples, two per click). The registry's counters are sums over all of them.
     */
    public final class ClickCounts implements AutoCloseable {

        private final AtomicLong clicksIn = new AtomicLong();
        private final AtomicLong joined = new AtomicLong();
        private final AtomicLong anonymous = new AtomicLong();
        private final AtomicLong unknownUser = new AtomicLong();

        private ClickCounts() {
        }

        /** One click read from {@value Topics#CLICKS}. */
        public void clickIn() {
            increment(clicksIn);
        }

        /** One enriched click written, joined with a version of its user. */
        public void joined() {
            increment(joined);
        }

        /** One enriched click written without user fields because it is anonymous ({@code userid} -1). */
        public void anonymous() {
            increment(anonymous);
        }

        /** One enriched click written without user fields because no version of its user was found at its time. */
        public void unknownUser() {
            increment(unknownUser);
        }

        /** Its processor is closed: what it counted stays in the sums. */
        @Override
        public void close() {
            synchronized (EnricherMetrics.this) {
                if (openCounts.remove(this)) {
                    closedCounts.add(this);
                }
            }
        }

        private long enriched() {
            return joined.get() + anonymous.get() + unknownUser.get();
        }

        private void add(ClickCounts other) {
            clicksIn.addAndGet(other.clicksIn.get());
            joined.addAndGet(other.joined.get());
            anonymous.addAndGet(other.anonymous.get());
            unknownUser.addAndGet(other.unknownUser.get());
        }

        /** One writer: read, add one, publish (a plain store on x86), no atomic read-modify-write. */
        private static void increment(AtomicLong count) {
            count.lazySet(count.get() + 1);
        }
    }

    /** Counts for one click processor, summed into the registry's counters until it is closed. */
    public synchronized ClickCounts clickCounts() {
        ClickCounts counts = new ClickCounts();
        openCounts.add(counts);
        return counts;
    }

    /** One record read from an input topic other than {@value Topics#CLICKS} (whose clicks {@link ClickCounts} counts). */
    public void recordIn(String topic) {
        recordsIn.computeIfAbsent(topic, name -> Counter.builder(RECORDS_IN)
                .description(RECORDS_IN_DESCRIPTION).tag("topic", name)
                .register(registry)).increment();
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

    /** One count summed over the closed processors and the open ones. */
    private synchronized double sum(ToLongFunction<ClickCounts> count) {
        long sum = count.applyAsLong(closedCounts);
        for (ClickCounts counts : openCounts) {
            sum += count.applyAsLong(counts);
        }
        return sum;
    }

    private void joinMiss(String cause, ToLongFunction<ClickCounts> count) {
        FunctionCounter.builder(JOIN_MISSES, this, metrics -> metrics.sum(count))
                .description("Clicks enriched without user attributes, by cause").tag("cause", cause)
                .register(registry);
    }
}
