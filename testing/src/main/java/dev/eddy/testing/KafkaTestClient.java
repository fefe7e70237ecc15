package dev.eddy.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * What tests do with a broker: create topics, produce, and consume until a condition holds or a deadline passes.
 * Nothing here sleeps for a fixed time; every wait polls the broker and fails with what it saw when time is up.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final Admin admin;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public KafkaTestClient(KafkaBroker broker) {
        this(broker.bootstrapServers());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        return admin;
    }

    /** Creates a topic unless it exists, and returns once the broker reports it. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** A topic name no other test uses, so tests sharing a broker stay apart. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends every record and waits until the broker has acknowledged all of them. */
    public <K, V> void produce(Collection<ProducerRecord<K, V>> records, Serializer<K> keySerializer,
                               Serializer<V> valueSerializer) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(settings, keySerializer, valueSerializer)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<K, V> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a record was not acknowledged", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }

    public void produceStrings(String topic, Map<String, String> keyValues) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        keyValues.forEach((key, value) -> records.add(new ProducerRecord<>(topic, key, value)));
        produce(records, new StringSerializer(), new StringSerializer());
    }

    public void produceBytes(Collection<ProducerRecord<byte[], byte[]>> records) {
        produce(records, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Reads {@code topic} from the beginning (committed records only, as a downstream consumer would) until
     * {@code done} accepts everything read so far, or fails when {@code timeout} passes.
     */
    public <K, V> List<ConsumerRecord<K, V>> consumeUntil(String topic, Deserializer<K> keyDeserializer,
                                                          Deserializer<V> valueDeserializer,
                                                          Predicate<List<ConsumerRecord<K, V>>> done,
                                                          Duration timeout) {
        List<ConsumerRecord<K, V>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerSettings(), keyDeserializer,
                valueDeserializer)) {
            assignFromBeginning(consumer, topic, timeout);
            while (!done.test(seen)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("condition not met on topic " + topic + " within " + timeout
                            + "; read " + seen.size() + " records");
                }
                consumer.poll(POLL).forEach(seen::add);
            }
        }
        return seen;
    }

    /** Reads until at least {@code count} records arrived; fails on timeout. */
    public <K, V> List<ConsumerRecord<K, V>> consumeAtLeast(String topic, int count, Deserializer<K> keyDeserializer,
                                                            Deserializer<V> valueDeserializer, Duration timeout) {
        return consumeUntil(topic, keyDeserializer, valueDeserializer, records -> records.size() >= count, timeout);
    }

    public List<ConsumerRecord<String, String>> consumeStrings(String topic, int count, Duration timeout) {
        return consumeAtLeast(topic, count, new StringDeserializer(), new StringDeserializer(), timeout);
    }

    /** Reads everything committed up to the current end of every partition of {@code topic}. */
    public <K, V> List<ConsumerRecord<K, V>> consumeAll(String topic, Deserializer<K> keyDeserializer,
                                                        Deserializer<V> valueDeserializer, Duration timeout) {
        List<ConsumerRecord<K, V>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerSettings(), keyDeserializer,
                valueDeserializer)) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(POLL).forEach(seen::add);
            }
        }
        return seen;
    }

    public List<ConsumerRecord<byte[], byte[]>> consumeAllBytes(String topic, Duration timeout) {
        return consumeAll(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), timeout);
    }

    /**
     * Bytes the broker keeps on disk for {@code topic}, all partitions: its log segments as written, so batch headers,
     * transaction markers and batches compressed by their producer count as they are stored.
     */
    public long bytesOnDisk(String topic) {
        try {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            return admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> replica.getKey().topic().equals(topic))
                    .mapToLong(replica -> replica.getValue().size())
                    .sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the log directories holding " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log directories holding " + topic, e);
        }
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<?, ?> consumer, String topic,
                                                            Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private Map<String, Object> consumerSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Tests check what downstream readers see: aborted transactions must not count.
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return settings;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
