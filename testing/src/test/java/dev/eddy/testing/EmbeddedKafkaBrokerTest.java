package dev.eddy.testing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerTest {

    @Test
    void recordsRoundTripThroughTheSharedBroker(KafkaTestClient kafka) {
        String topic = KafkaTestClient.uniqueTopic("round-trip");
        kafka.createTopic(topic, 3);

        kafka.produceStrings(topic, Map.of("a", "1", "b", "2", "c", "3"));

        List<ConsumerRecord<String, String>> records = kafka.consumeStrings(topic, 3, Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a", "1"),
                        org.assertj.core.groups.Tuple.tuple("b", "2"),
                        org.assertj.core.groups.Tuple.tuple("c", "3"));
    }

    @Test
    void transactionsCommitAndAbortOnASingleNode(KafkaTestClient kafka) {
        // exactly_once_v2 rests on transactions; on one node they only work with RF-1 transaction state settings.
        String topic = KafkaTestClient.uniqueTopic("transactions");
        kafka.createTopic(topic, 1);
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eddy-test-" + topic,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        // Read until the committed record shows: commitTransaction returns before the coordinator has written the
        // commit marker, so the partition's last stable offset (where a read-to-the-end would stop) may still be 0.
        // The aborted record lies before it, so a reader that saw aborted data would have read it first.
        List<ConsumerRecord<String, String>> visible = kafka.consumeUntil(topic, new StringDeserializer(),
                new StringDeserializer(), seen -> seen.stream().anyMatch(r -> r.value().equals("committed")),
                Duration.ofSeconds(30));
        assertThat(visible).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void storesTheCompressedBatchesEddysServicesWrite(KafkaTestClient kafka) {
        // The enricher writes lz4, the generator snappy: the broker decompresses each batch to validate it, which
        // needs the codec on its classpath (lz4-java does not come with the Quarkus BOM's kafka-clients).
        String json = "{\"event_id\":\"e\",\"ip\":\"10.0.0.1\",\"userid\":7,"
                + "\"request\":\"GET /index.html HTTP/1.1\",\"status\":200,"
                + "\"agent\":\"Mozilla/5.0 (X11; Linux x86_64)\"}";
        Map<String, Long> stored = new HashMap<>();
        for (String codec : List.of("none", "lz4", "snappy")) {
            String topic = KafkaTestClient.uniqueTopic("compressed-" + codec);
            kafka.createTopic(topic, 1);
            Map<String, Object> settings = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                    ProducerConfig.LINGER_MS_CONFIG, 1_000);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < 500; i++) {
                    producer.send(new ProducerRecord<>(topic, Integer.toString(i), json));
                }
            }
            assertThat(kafka.consumeAll(topic, new StringDeserializer(), new StringDeserializer(),
                    Duration.ofSeconds(30))).as(codec).hasSize(500).allMatch(record -> record.value().equals(json));
            stored.put(codec, kafka.bytesOnDisk(topic));
        }

        assertThat(stored.get("none")).isGreaterThan(500L * json.length());
        assertThat(stored.get("lz4")).isLessThan(stored.get("none") / 4);
        assertThat(stored.get("snappy")).isLessThan(stored.get("none") / 4);
    }

    @Test
    void closingABrokerRemovesItsStorage() throws Exception {
        Path tempRoot = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before;
        try (var listing = Files.list(tempRoot)) {
            before = listing.filter(p -> p.getFileName().toString().startsWith("eddy-kafka-")).toList();
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        try (KafkaTestClient client = new KafkaTestClient(broker)) {
            client.createTopic("own-broker", 1);
            client.produceStrings("own-broker", Map.of("k", "v"));
            assertThat(client.consumeStrings("own-broker", 1, Duration.ofSeconds(30))).hasSize(1);
        }
        broker.close();

        try (var listing = Files.list(tempRoot)) {
            List<Path> after = listing.filter(p -> p.getFileName().toString().startsWith("eddy-kafka-")).toList();
            assertThat(after).containsExactlyInAnyOrderElementsOf(before);
        }
    }
}
