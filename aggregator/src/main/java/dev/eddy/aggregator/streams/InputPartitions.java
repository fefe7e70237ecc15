package dev.eddy.aggregator.streams;

import dev.eddy.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * How many partitions {@code clickstream.enriched} has (the pre-aggregated windows close when every input partition
 * has passed them). Looked up from the broker the first time a store task starts, when Kafka Streams already runs
 * (so the broker is reachable and Quarkus has seen the topic), and remembered: building the topology needs no broker,
 * so a bad setting still fails the start at once.
 */
public final class InputPartitions implements IntSupplier {

    private static final Logger LOG = Logger.getLogger(InputPartitions.class);

    private final Map<String, Object> clientSettings;
    private final Duration timeout;
    private int partitions;

    /** @param clientSettings bootstrap servers and the security settings the streams clients use */
    public InputPartitions(Map<String, Object> clientSettings, Duration timeout) {
        this.clientSettings = Map.copyOf(clientSettings);
        this.timeout = timeout;
    }

    @Override
    public synchronized int getAsInt() {
        if (partitions == 0) {
            partitions = lookUp(clientSettings, timeout);
            LOG.infof("%s has %d partitions: pre-aggregated windows close when all of them have passed",
                    Topics.ENRICHED, partitions);
        }
        return partitions;
    }

    static int lookUp(Map<String, Object> clientSettings, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextLog = Instant.now();
        try (Admin admin = Admin.create(withTimeouts(clientSettings))) {
            while (true) {
                try {
                    return admin.describeTopics(List.of(Topics.ENRICHED)).allTopicNames().get(10, TimeUnit.SECONDS)
                            .get(Topics.ENRICHED).partitions().size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                            && !(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)) {
                        throw new IllegalStateException("cannot describe topic " + Topics.ENRICHED + " at "
                                + clientSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    // broker not reachable yet: retried until the deadline
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topic " + Topics.ENRICHED + " does not exist or cannot be "
                            + "described at " + clientSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + " after " + timeout + ": create it before starting the aggregator");
                }
                if (!Instant.now().isBefore(nextLog)) {
                    LOG.infof("waiting for topic %s to be described", Topics.ENRICHED);
                    nextLog = Instant.now().plusSeconds(10);
                }
                Thread.sleep(500); // retry interval of a start-up check, not synchronisation between threads
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + Topics.ENRICHED, e);
        }
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> settings) {
        Map<String, Object> all = new java.util.HashMap<>(settings);
        all.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        all.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return all;
    }
}
