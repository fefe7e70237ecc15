package dev.eddy.aggregator.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The aggregator's own counters (Prometheus names {@code eddy_aggregator_*_total}). Labels are bounded: window names,
 * dead-letter reason codes. Counters advance when a record is processed; a transaction aborted under exactly-once
 * and retried counts its records again, so they are operational signals, not business figures.
 */
public final class AggregatorMetrics {

    private final MeterRegistry registry;
    private final Counter recordsIn;
    private final Counter alertsEmitted;
    private final Map<String, Counter> lateRecords = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> windowsEmitted = new ConcurrentHashMap<>();

    public AggregatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recordsIn = Counter.builder("eddy.aggregator.records.in")
                .description("Records read from clickstream.enriched").register(registry);
        this.alertsEmitted = Counter.builder("eddy.aggregator.alerts.emitted")
                .description("Error-rate alerts written to the alerts topic").register(registry);
        StoreNames.ALL.forEach(window -> {
            lateRecord(window);
            windowEmitted(window);
        });
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void recordIn() {
        recordsIn.increment();
    }

    public void alertEmitted() {
        alertsEmitted.increment();
    }

    public void lateRecord(String window) {
        lateRecords.computeIfAbsent(window, name -> Counter.builder("eddy.aggregator.late.records")
                .description("Records later than the grace period of a window, routed to the late-events topic")
                .tag("window", name).register(registry));
    }

    public void countLateRecord(String window) {
        lateRecord(window);
        lateRecords.get(window).increment();
    }

    public void countDeadLetter(String reason) {
        deadLetters.computeIfAbsent(reason, code -> Counter.builder("eddy.aggregator.dead.letters")
                .description("Records that could not be decoded, written to the dead-letter topic")
                .tag("reason", code).register(registry)).increment();
    }

    private void windowEmitted(String window) {
        windowsEmitted.computeIfAbsent(window, name -> Counter.builder("eddy.aggregator.windows.emitted")
                .description("Final window results written to the window topics")
                .tag("window", name).register(registry));
    }

    public void countWindowEmitted(String window) {
        windowEmitted(window);
        windowsEmitted.get(window).increment();
    }
}
