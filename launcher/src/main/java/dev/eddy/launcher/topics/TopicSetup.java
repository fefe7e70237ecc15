package dev.eddy.launcher.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics of a {@link TopicPlan} that do not exist yet. Existing topics are left as they are: their
 * partition count is never changed, because growing {@code clickstream} and {@code clickstream.users} would move
 * keys to other partitions and break the co-partitioned join over data already written.
 */
public final class TopicSetup {

    /** What happened: topics created, topics found, and topics whose partition count differs from the plan. */
    public record Result(List<String> created, List<String> existing, List<String> partitionMismatches) {
    }

    private static final long TIMEOUT_SECONDS = 30;

    private TopicSetup() {
    }

    public static Result ensure(Admin admin, List<TopicSpec> plan) {
        try {
            Set<String> present = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            for (TopicSpec spec : plan) {
                if (present.contains(spec.name())) {
                    existing.add(spec.name());
                } else {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> entry
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    existing.add(entry.getKey());
                }
            }
            return new Result(List.copyOf(created), List.copyOf(existing), mismatches(admin, plan, existing));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set up topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + TIMEOUT_SECONDS
                    + " s while setting up topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up topics", e);
        }
    }

    private static List<String> mismatches(Admin admin, List<TopicSpec> plan, List<String> existing)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(existing).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> mismatches = new ArrayList<>();
        for (TopicSpec spec : plan) {
            TopicDescription description = descriptions.get(spec.name());
            if (description != null && description.partitions().size() != spec.partitions()) {
                mismatches.add(spec.name() + " has " + description.partitions().size() + " partitions, not "
                        + spec.partitions());
            }
        }
        return List.copyOf(mismatches);
    }
}
