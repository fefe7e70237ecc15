package dev.eddy.aggregator.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.aggregator.config.AggregatorConfig;
import dev.eddy.aggregator.config.QuerySettings;
import dev.eddy.aggregator.config.WindowSettings;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.InstanceState;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.Panel;
import dev.eddy.aggregator.dashboard.DashboardSnapshot.Pipeline;
import dev.eddy.aggregator.query.AggregatorQueries;
import dev.eddy.aggregator.query.FanOut;
import dev.eddy.aggregator.query.LocalStores;
import dev.eddy.aggregator.query.RemoteInstances;
import dev.eddy.aggregator.query.StoreCatalog;
import dev.eddy.aggregator.query.model.InstancesResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes one {@link DashboardSnapshot} per interval on a single thread and pushes it to every subscriber. Work is
 * done only while someone watches (an open event stream, or a snapshot asked for recently): an aggregator nobody
 * looks at makes no extra broker calls.
 */
@ApplicationScoped
public class DashboardService {

    private static final Logger LOG = Logger.getLogger(DashboardService.class);
    private static final String[] CLIENT_SECURITY_PREFIXES = {"security.", "sasl.", "ssl."};

    @Inject
    AggregatorQueries queries;

    @Inject
    KafkaStreams streams;

    @Inject
    AggregatorConfig aggregatorConfig;

    @Inject
    DashboardConfig dashboardConfig;

    @Inject
    Config config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.kafka-streams.application-server")
    String applicationServer;

    @ConfigProperty(name = "quarkus.kafka-streams.application-id")
    String applicationId;

    private DashboardSettings settings;
    private BusinessPanels panels;
    private RemoteInstances peers;
    private ScheduledExecutorService ticker;
    private PipelineSampler sampler;
    private final BroadcastProcessor<DashboardSnapshot> broadcast = BroadcastProcessor.create();
    private final AtomicInteger watchers = new AtomicInteger();
    private volatile long lastDemand = Long.MIN_VALUE / 2;
    private volatile DashboardSnapshot latest;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Settings are checked at start, so a bad value stops the application naming its key. */
    void start(@Observes StartupEvent event) {
        settings = DashboardSettings.from(dashboardConfig);
        QuerySettings query = QuerySettings.from(aggregatorConfig);
        if (settings.history().compareTo(query.maxRange()) > 0) {
            throw new IllegalArgumentException("eddy.aggregator.dashboard.history must not exceed "
                    + "eddy.aggregator.query.max-range (" + query.maxRange() + "), was " + settings.history());
        }
        HostInfo self = HostInfo.buildFromEndpoint(applicationServer);
        RemoteInstances remote = new RemoteInstances(vertx, self, query.remoteTimeout());
        FanOut fanOut = new FanOut(streams, self, remote, new StoreCatalog(applicationId));
        SessionStatsReader sessions = new SessionStatsReader(new LocalStores(streams), fanOut);
        panels = new BusinessPanels(queries, sessions, WindowSettings.from(aggregatorConfig), settings);
        peers = new RemoteInstances(vertx, self, Duration.ofMillis(Math.min(1000, query.remoteTimeout().toMillis())));
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eddy-dashboard");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.interval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (sampler != null) {
            sampler.close();
        }
        broadcast.onComplete();
    }

    /**
     * Snapshots as they are computed, starting with the latest one; counts as watching while subscribed. The stream
     * is subscribed on an event-loop thread, so the first snapshot is awaited without blocking it: computing one
     * calls the other instances through the same event loops.
     */
    public Multi<DashboardSnapshot> stream() {
        return Multi.createFrom().<DashboardSnapshot>deferred(() -> Multi.createBy().concatenating().streams(
                        Uni.createFrom().completionStage(latestOrComputed()).toMulti(), broadcast.toHotStream()))
                .onSubscription().invoke(() -> watchers.incrementAndGet())
                .onTermination().invoke(() -> watchers.decrementAndGet());
    }

    /** The latest snapshot, computed now when there is none recent enough; blocks, so never on an event loop. */
    public DashboardSnapshot current() {
        try {
            return latestOrComputed().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("dashboard snapshot failed: " + e, e);
        }
    }

    private CompletableFuture<DashboardSnapshot> latestOrComputed() {
        lastDemand = System.currentTimeMillis();
        DashboardSnapshot snapshot = latest;
        if (snapshot != null && System.currentTimeMillis() - snapshot.generatedAt()
                <= 2 * settings.interval().toMillis()) {
            return CompletableFuture.completedFuture(snapshot);
        }
        return CompletableFuture.supplyAsync(this::compute, ticker);
    }

    private void tick() {
        boolean demanded = System.currentTimeMillis() - lastDemand < 3 * settings.interval().toMillis();
        if (watchers.get() == 0 && !demanded) {
            return;
        }
        try {
            broadcast.onNext(compute());
        } catch (RuntimeException e) {
            // Never let one failed tick stop the schedule.
            LOG.warnf(e, "dashboard snapshot failed");
        }
    }

    /** Runs on the ticker thread only (the sampler is single-threaded). */
    private DashboardSnapshot compute() {
        long now = System.currentTimeMillis();
        Pipeline pipeline = sampler().sample();
        Panel<InstancesResponse> instances;
        InstancesResponse assignment = queries.instances();
        instances = assignment.instances().isEmpty()
                ? new Panel<>("unavailable", "the aggregator is " + assignment.state()
                + ": no partition assignment yet", assignment)
                : new Panel<>(KafkaStreams.State.RUNNING.name().equals(assignment.state()) ? "ok" : "rebalancing",
                KafkaStreams.State.RUNNING.name().equals(assignment.state()) ? null
                        : "this instance is " + assignment.state(), assignment);
        DashboardSnapshot snapshot = new DashboardSnapshot(now, assignment.self(), assignment.state(),
                settings.interval().toMillis(), settings.history().toMillis(), pipeline,
                panels.pageViewsPerMinute(now), panels.topPages(now), panels.errorsPerMinute(now),
                panels.sessions(now), panels.segments(now), instances, instanceStates(assignment));
        latest = snapshot;
        return snapshot;
    }

    /** Each instance's own view of its Kafka Streams state (a rebalance shows on the instance going through it). */
    private List<InstanceState> instanceStates(InstancesResponse assignment) {
        List<InstanceState> states = new ArrayList<>();
        for (InstancesResponse.Instance instance : assignment.instances()) {
            String name = instance.host() + ":" + instance.port();
            if (instance.self()) {
                states.add(new InstanceState(name, assignment.state(), true));
                continue;
            }
            String state;
            try {
                JsonNode body = mapper.readTree(peers.getNow(new HostInfo(instance.host(), instance.port()),
                        "/api/v1/instances").json());
                state = body.path("state").asText("UNKNOWN");
            } catch (Exception e) {
                state = "UNREACHABLE";
            }
            states.add(new InstanceState(name, state, false));
        }
        if (states.isEmpty()) {
            states.add(new InstanceState(assignment.self(), assignment.state(), true));
        }
        return states;
    }

    private PipelineSampler sampler() {
        if (sampler == null) {
            sampler = new PipelineSampler(kafkaClientProperties(), settings, applicationId);
        }
        return sampler;
    }

    /** Bootstrap plus the same security settings the Kafka Streams client gets (kafka-streams.security.* etc.). */
    private Properties kafkaClientProperties() {
        Properties properties = new Properties();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith("kafka-streams.")) {
                continue;
            }
            String key = name.substring("kafka-streams.".length());
            for (String prefix : CLIENT_SECURITY_PREFIXES) {
                if (key.startsWith(prefix)) {
                    config.getOptionalValue(name, String.class).ifPresent(v -> properties.put(key, v));
                }
            }
        }
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("client.id", "eddy-aggregator-dashboard");
        return properties;
    }
}
