package dev.eddy.generator.run;

import dev.eddy.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The generator's meters: {@code eddy_generator_events_sent_total{topic}} (records the broker acknowledged),
 * {@code eddy_generator_send_errors_total{topic}} and the gauge {@code eddy_generator_target_rate_events_per_second}.
 */
public final class GeneratorMetrics {

    static final List<String> TOPICS = List.of(Topics.CLICKS, Topics.USERS, Topics.TRUTH_PAGE_VIEWS,
            Topics.TRUTH_SESSIONS);

    private final MeterRegistry registry;
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    GeneratorMetrics(MeterRegistry registry, DoubleSupplier targetRate) {
        this.registry = registry;
        // Registered up front so dashboards see zeros rather than missing series.
        TOPICS.forEach(topic -> {
            sentCounter(topic);
            errorCounter(topic);
        });
        Gauge.builder("eddy.generator.target.rate", targetRate::getAsDouble)
                .baseUnit("events.per.second")
                .description("Target click rate (events per simulated second)")
                .register(registry);
    }

    void sent(String topic) {
        sentCounter(topic).increment();
    }

    void sendError(String topic) {
        errorCounter(topic).increment();
    }

    long sentCount(String topic) {
        return (long) sentCounter(topic).count();
    }

    long errorCount() {
        return (long) errors.values().stream().mapToDouble(Counter::count).sum();
    }

    private Counter sentCounter(String topic) {
        return sent.computeIfAbsent(topic, t -> Counter.builder("eddy.generator.events.sent")
                .description("Records committed to Kafka, by topic")
                .tag("topic", t)
                .register(registry));
    }

    private Counter errorCounter(String topic) {
        return errors.computeIfAbsent(topic, t -> Counter.builder("eddy.generator.send.errors")
                .description("Records of transactions Kafka failed (each sent again), by topic")
                .tag("topic", t)
                .register(registry));
    }
}
