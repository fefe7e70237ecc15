package dev.eddy.generator.run;

import dev.eddy.events.Topics;
import dev.eddy.generator.config.GeneratorConfig;
import dev.eddy.generator.config.SettingsMapper;
import dev.eddy.generator.kafka.KafkaClients;
import dev.eddy.generator.kafka.TopicProbe;
import dev.eddy.generator.kafka.TransactionalSender;
import dev.eddy.generator.simulation.Emission;
import dev.eddy.generator.simulation.Simulation;
import dev.eddy.generator.simulation.SimulationSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the simulation and sends what it emits to Kafka, on one thread of its own: waits for the topics, paces records
 * in real time (or not at all), and obeys start, stop and rate changes from the HTTP API. Records go out in short
 * transactions ({@link TransactionalSender}): each appears exactly once to read-committed readers, across broker
 * restarts too, so the ground truth always describes what Kafka holds. Nothing is lost on stop: the open transaction
 * is committed first.
 */
@Startup
@ApplicationScoped
public class GeneratorService {

    private static final Logger LOG = Logger.getLogger(GeneratorService.class);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);
    private static final long MAX_WAIT_NANOS = 100_000_000L;
    /** How long a transaction stays open: the latency a read-committed reader sees on top of the pacing. */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    /** Bounds the records kept for a replay (about 8 MB at Eddy's record sizes). */
    static final int MAX_RECORDS_PER_TRANSACTION = 20_000;

    public enum State {
        STOPPED, WAITING_FOR_KAFKA, RUNNING, DONE, FAILED;

        public String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private final Simulation simulation;
    private final GeneratorConfig.Pacing pacing;
    private final KafkaClients clients;
    private final TopicProbe topicProbe;
    private final GeneratorMetrics metrics;
    private final List<String> topics;
    private final Pacer pacer = new Pacer();
    private final Object signal = new Object();
    private final Thread worker;

    private volatile boolean wanted;
    private volatile boolean closing;
    private volatile State state = State.STOPPED;
    private volatile String reason;
    private volatile long clicksHandedOver;
    private volatile long simulatedTime;
    private volatile int usersRegistered;
    private TransactionalSender sender;
    private long lastErrorLog;
    private long runStartedNanos;

    @Inject
    public GeneratorService(GeneratorConfig config, KafkaClients clients, TopicProbe topicProbe,
                            MeterRegistry registry) {
        long seed = config.seed().orElseGet(() -> new SecureRandom().nextLong());
        long start = config.startTime().map(Instant::toEpochMilli).orElseGet(() -> defaultStartTime(config,
                System.currentTimeMillis()));
        SimulationSettings settings = SettingsMapper.toSettings(config, seed, start);
        this.simulation = new Simulation(settings);
        this.pacing = config.pacing();
        this.clients = clients;
        this.topicProbe = topicProbe;
        this.metrics = new GeneratorMetrics(registry, simulation::eventsPerSecond);
        this.topics = requiredTopics(settings);
        this.simulatedTime = settings.startTime();
        this.worker = new Thread(this::runLoop, "eddy-generator");
        this.worker.setDaemon(true);
        LOG.infof("generator ready: seed=%d start-time=%s rate=%.1f/s pacing=%s max-events=%s ground-truth=%s",
                seed, Instant.ofEpochMilli(start), settings.eventsPerSecond(), pacing.name().toLowerCase().replace('_', '-'),
                settings.bounded() ? settings.maxEvents() : "unbounded", settings.groundTruth());
        worker.start();
        if (config.autostart()) {
            start();
        }
    }

    /**
     * Now, except for a bounded run sent as fast as possible: its simulated clock would race ahead of the wall clock
     * (2 million clicks at 1,000/s span 33 simulated minutes, sent in seconds), and the enricher dead-letters clicks
     * dated more than a few minutes into the future. Such a run is placed so that it ends now.
     */
    static long defaultStartTime(GeneratorConfig config, long now) {
        if (config.pacing() != GeneratorConfig.Pacing.AS_FAST_AS_POSSIBLE || config.maxEvents().isEmpty()) {
            return now;
        }
        long simulatedSpan = (long) Math.ceil(config.maxEvents().getAsLong() * 1000.0 / config.rate());
        return now - simulatedSpan;
    }

    static List<String> requiredTopics(SimulationSettings settings) {
        List<String> required = new ArrayList<>(List.of(Topics.CLICKS, Topics.USERS));
        if (settings.groundTruth()) {
            required.add(Topics.TRUTH_PAGE_VIEWS);
            required.add(Topics.TRUTH_SESSIONS);
        }
        return List.copyOf(required);
    }

    /** Starts or resumes; refused once a bounded run is done. */
    public GeneratorStatus start() {
        if (state == State.DONE) {
            throw new IllegalStateException("the bounded run is done (max-events reached); restart the service for a "
                    + "new run");
        }
        synchronized (signal) {
            wanted = true;
            signal.notifyAll();
        }
        return status();
    }

    public GeneratorStatus stop() {
        synchronized (signal) {
            wanted = false;
            signal.notifyAll();
        }
        return status();
    }

    public GeneratorStatus setRate(double eventsPerSecond) {
        simulation.setEventsPerSecond(eventsPerSecond);
        synchronized (signal) {
            signal.notifyAll();
        }
        return status();
    }

    public GeneratorStatus status() {
        Map<String, Long> byTopic = new LinkedHashMap<>();
        long total = 0;
        for (String topic : GeneratorMetrics.TOPICS) {
            long count = metrics.sentCount(topic);
            byTopic.put(topic, count);
            total += count;
        }
        SimulationSettings settings = simulation.settings();
        State current = state;
        boolean started = wanted && current != State.DONE && current != State.FAILED;
        return new GeneratorStatus(current.label(), started, reason, total, byTopic,
                metrics.errorCount(), clicksHandedOver, settings.bounded() ? settings.maxEvents() : null,
                usersRegistered, simulation.eventsPerSecond(), pacing.name().toLowerCase().replace('_', '-'),
                Instant.ofEpochMilli(simulatedTime).toString(), simulatedTime, settings.seed(), simulation.runId());
    }

    public List<String> topics() {
        return topics;
    }

    public State state() {
        return state;
    }

    private void runLoop() {
        Emission pending = null;
        boolean anchored = false;
        try {
            while (!closing) {
                if (sender != null && !(wanted ? sender.commitIfDue() : sender.commit())) {
                    anchored = false;
                    waitForKafka("commit failed, sending the transaction again");
                    continue;
                }
                if (!wanted) {
                    anchored = false;
                    pause();
                    continue;
                }
                if (sender == null && !connect()) {
                    continue;
                }
                if (!anchored) {
                    if (runStartedNanos == 0) {
                        runStartedNanos = System.nanoTime();
                    }
                    state = State.RUNNING;
                    reason = null;
                    pacer.anchor(pending != null ? pending.emittedAt() : simulation.simulatedTime(), System.nanoTime());
                    anchored = true;
                }
                if (pending == null) {
                    pending = simulation.next();
                    if (pending == null) {
                        finishBoundedRun();
                        return;
                    }
                }
                if (pacing == GeneratorConfig.Pacing.REAL_TIME && !waitUntilDue(pending)) {
                    continue;
                }
                boolean accepted = send(pending);
                pending = null;
                if (!accepted) {
                    anchored = false;
                    waitForKafka("send failed, sending the transaction again");
                }
            }
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            reason = e.toString();
            LOG.error("generator stopped by an unexpected error", e);
        } finally {
            if (sender != null) {
                sender.close(Duration.ofSeconds(10));
            }
        }
    }

    /** Kafka failed a send or a commit: the sender keeps the records; show why and try again shortly. */
    private void waitForKafka(String why) {
        state = State.WAITING_FOR_KAFKA;
        reason = why;
        sleepInterruptibly(TOPIC_RETRY.toNanos());
    }

    private void pause() {
        if (state != State.DONE && state != State.FAILED) {
            state = State.STOPPED;
        }
        synchronized (signal) {
            while (!wanted && !closing) {
                try {
                    signal.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closing = true;
                }
            }
        }
    }

    /** Waits until the topics exist, then creates the producer. Returns false to go round the loop again. */
    private boolean connect() {
        TopicProbe.Result result = topicProbe.check(topics, Duration.ofSeconds(5));
        if (!result.ok()) {
            if (state != State.WAITING_FOR_KAFKA || !result.problem().equals(reason)) {
                LOG.warnf("waiting for Kafka: %s (retrying every %d s)", result.problem(), TOPIC_RETRY.toSeconds());
            }
            state = State.WAITING_FOR_KAFKA;
            reason = result.problem();
            sleepInterruptibly(TOPIC_RETRY.toNanos());
            return false;
        }
        sender = new TransactionalSender(clients::producer, COMMIT_INTERVAL, MAX_RECORDS_PER_TRANSACTION,
                new TransactionalSender.Listener() {
                    @Override
                    public void committed(List<ProducerRecord<String, byte[]>> records) {
                        records.forEach(record -> metrics.sent(record.topic()));
                    }

                    @Override
                    public void failed(List<ProducerRecord<String, byte[]>> records, KafkaException cause) {
                        records.forEach(record -> metrics.sendError(record.topic()));
                        logSendError(cause);
                    }
                });
        return true;
    }

    /** Real-time pacing: true once the record is due, false if stopped or closing meanwhile. */
    private boolean waitUntilDue(Emission emission) {
        while (true) {
            if (!wanted || closing) {
                return false;
            }
            // At low rates records are seconds apart: commit meanwhile, so readers see each one promptly.
            if (!sender.commitIfDue()) {
                return false;
            }
            long remaining = pacer.nanosUntil(emission.emittedAt(), System.nanoTime());
            if (remaining <= 0) {
                return true;
            }
            sleepInterruptibly(Math.min(remaining, MAX_WAIT_NANOS));
        }
    }

    private void sleepInterruptibly(long nanos) {
        synchronized (signal) {
            try {
                long millis = nanos / 1_000_000L;
                int extraNanos = (int) (nanos % 1_000_000L);
                if (millis > 0 || extraNanos > 0) {
                    signal.wait(millis, extraNanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing = true;
            }
        }
    }

    /**
     * Hands one record to the open transaction. The sender keeps it whatever happens; false only says Kafka failed
     * just now, so the caller backs off before the transaction is sent again.
     */
    private boolean send(Emission emission) {
        boolean accepted = sender.send(new ProducerRecord<>(emission.topic(), null, emission.timestamp(),
                emission.key(), emission.valueBytes()));
        simulatedTime = emission.emittedAt();
        if (emission.isClick()) {
            clicksHandedOver++;
        }
        usersRegistered = simulation.usersRegistered();
        return accepted;
    }

    private void logSendError(Exception exception) {
        long now = System.currentTimeMillis();
        // One line per 5 s at most: a broker outage fails many transactions.
        if (now - lastErrorLog > 5_000) {
            lastErrorLog = now;
            LOG.warnf("Kafka failed a transaction; it is aborted and sent again: %s", exception.toString());
        }
    }

    private void finishBoundedRun() {
        while (!sender.commit()) {
            if (closing) {
                return;
            }
            waitForKafka("commit of the run's last records failed, sending them again");
        }
        state = State.DONE;
        reason = null;
        wanted = false;
        double seconds = (System.nanoTime() - runStartedNanos) / 1e9;
        long records = status().sent();
        // Includes pauses; the benchmark (bench/generator) runs without any.
        LOG.infof("bounded run done: %d clicks, %d records acknowledged, %d send errors in %.2f s: %.0f clicks/s, "
                + "%.0f records/s", clicksHandedOver, records, metrics.errorCount(), seconds,
                clicksHandedOver / seconds, records / seconds);
    }

    @PreDestroy
    void shutdown() {
        synchronized (signal) {
            closing = true;
            signal.notifyAll();
        }
        try {
            worker.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
