package dev.eddy.generator.run;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a test run added to a topic: end offsets are noted before the run, and everything after them is read
 * back per partition, so records of other tests on the shared broker do not interfere.
 */
final class TopicOffsets {

    private final String bootstrapServers;
    private final Map<String, Map<TopicPartition, Long>> marks = new HashMap<>();

    TopicOffsets(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void mark(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            marks.put(topic, new HashMap<>(consumer.endOffsets(partitions)));
        }
    }

    /** Records after the mark, per partition in offset order, once at least {@code expected} arrived in all. */
    Map<Integer, List<ConsumerRecord<byte[], byte[]>>> readAfterMark(String topic, int expected, Duration timeout) {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        int total = 0;
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> start = marks.get(topic);
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            while (total < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("only " + total + " of " + expected + " records arrived on " + topic);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                    total++;
                }
            }
        }
        return byPartition;
    }

    int partitionCount(String topic) {
        return marks.get(topic).size();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A mark that retention deleted must fail the test, not silently skip to the end.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
