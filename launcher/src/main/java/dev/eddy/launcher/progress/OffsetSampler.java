package dev.eddy.launcher.progress;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads an {@link OffsetSnapshot} through the Admin API: end offsets of all topics, commits of all groups. */
public final class OffsetSampler {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final Clock clock;

    public OffsetSampler(Admin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    public OffsetSnapshot sample() throws SampleException {
        try {
            long at = clock.millis();
            Set<String> topics = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = endOffsets(topics);
            Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
            Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (ConsumerGroupListing group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<TopicPartition, Long> plain = new HashMap<>();
                offsets.forEach((partition, offset) -> {
                    if (offset != null) {
                        plain.put(partition, offset.offset());
                    }
                });
                committed.put(group.groupId(), plain);
            }
            return new OffsetSnapshot(at, ends, committed);
        } catch (ExecutionException e) {
            throw new SampleException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new SampleException("the broker did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SampleException("interrupted", e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                request.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** The broker could not be asked (it is stopping, or overloaded). */
    public static final class SampleException extends Exception {
        public SampleException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
