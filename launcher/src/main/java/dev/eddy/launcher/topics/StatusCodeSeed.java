package dev.eddy.launcher.topics;

import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonSerde;
import dev.eddy.events.StatusCode;
import dev.eddy.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the {@link StatusCodeCatalog} to {@value Topics#STATUS_CODES}, keyed by code. Only codes the topic does not
 * hold yet are written, so a definition a user changed by producing to the topic is kept across restarts.
 */
public final class StatusCodeSeed {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StatusCodeSeed() {
    }

    /** Returns how many codes were written. */
    public static int seed(String bootstrapServers, List<StatusCode> codes) {
        Set<String> present = presentKeys(bootstrapServers);
        List<StatusCode> missing = codes.stream().filter(code -> !present.contains(code.key())).toList();
        if (missing.isEmpty()) {
            return 0;
        }
        JsonSerde<StatusCode> serde = EventSerdes.statusCode();
        try (KafkaProducer<String, StatusCode> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "eddy-launcher-status-codes",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2),
                new StringSerializer(), serde.serializer())) {
            List<Future<RecordMetadata>> sends = missing.stream()
                    .map(code -> producer.send(new ProducerRecord<>(Topics.STATUS_CODES, code.key(), code)))
                    .toList();
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                // flush() returned, so every send has completed; get() turns a failed one into an exception.
                send.get(0, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the status codes to " + Topics.STATUS_CODES + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the status codes", e);
        }
        return missing.size();
    }

    /** The keys the topic holds now: reads it from the beginning to its end offsets (it is small and compacted). */
    static Set<String> presentKeys(String bootstrapServers) {
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "eddy-launcher-status-codes",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS_CODES, TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("cannot read " + Topics.STATUS_CODES + " to its end within "
                            + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        keys.remove(record.key());
                    } else {
                        keys.add(record.key());
                    }
                }
            }
        }
        return keys;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }
}
