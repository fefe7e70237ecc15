package dev.eddy.generator.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the cluster whether the topics the generator writes exist. Topics are created by whoever deploys Eddy (the
 * launcher, the chart, the tests), never by the generator; until they exist the generator waits and reports why.
 */
@ApplicationScoped
public class TopicProbe {

    /** What the cluster said. {@code problem} is {@code null} when every topic exists. */
    public record Result(String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private final KafkaClients clients;
    private Admin admin;

    @Inject
    public TopicProbe(KafkaClients clients) {
        this.clients = clients;
    }

    public Result check(Collection<String> topics, Duration timeout) {
        try {
            Set<String> existing = admin().listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = topics.stream().filter(topic -> !existing.contains(topic)).sorted().toList();
            return missing.isEmpty() ? new Result(null) : new Result("missing topics: " + String.join(", ", missing));
        } catch (TimeoutException e) {
            return new Result("Kafka did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Result("Kafka unreachable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("interrupted while asking Kafka");
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = clients.admin();
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
