package dev.eddy.generator.kafka;

import dev.eddy.testing.KafkaBrokerExtension;
import dev.eddy.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's exactly-once sending against a real broker: what a read-committed reader sees after normal commits,
 * and after the transaction in progress was killed under the sender (its producer fenced, as a broker-side abort or a
 * successor with the same transactional id would do).
 */
@ExtendWith(KafkaBrokerExtension.class)
class TransactionalSenderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void everyRecordIsVisibleOnceAfterCommitsInOrder(KafkaTestClient kafka) {
        String topic = KafkaTestClient.uniqueTopic("tx-normal");
        kafka.createTopic(topic, 1);
        Counting listener = new Counting();
        TransactionalSender sender = new TransactionalSender(() -> producer(kafka, topic), Duration.ofHours(1),
                250, listener);
        for (int i = 0; i < 1_000; i++) {
            assertThat(sender.commitIfDue()).isTrue();
            assertThat(sender.send(record(topic, i))).isTrue();
        }
        assertThat(sender.openRecords()).isEqualTo(250);
        assertThat(sender.commit()).isTrue();
        sender.close();

        assertThat(values(kafka, topic, 1_000)).isEqualTo(expected(1_000));
        assertThat(listener.committed).hasValue(1_000);
        assertThat(listener.failed).hasValue(0);
    }

    @Test
    void aTransactionKilledUnderTheSenderIsSentAgainWholeAndSeenOnce(KafkaTestClient kafka) {
        String topic = KafkaTestClient.uniqueTopic("tx-fenced");
        kafka.createTopic(topic, 3);
        Counting listener = new Counting();
        TransactionalSender sender = new TransactionalSender(() -> producer(kafka, topic), Duration.ofHours(1),
                10_000, listener);
        for (int i = 0; i < 300; i++) {
            sender.send(record(topic, i));
        }
        assertThat(sender.commit()).isTrue();
        for (int i = 300; i < 600; i++) {
            sender.send(record(topic, i));
        }
        // A second producer with the same transactional id takes over: the open transaction is aborted on the
        // broker and the sender's producer is fenced.
        try (Producer<String, byte[]> successor = producer(kafka, topic)) {
            successor.initTransactions();
        }

        assertThat(sender.commit()).as("the commit of a fenced producer fails").isFalse();
        assertThat(sender.openRecords()).as("and the sender still holds its records").isEqualTo(300);
        assertThat(sender.commit()).as("a new producer replays and commits them").isTrue();
        sender.close();

        List<String> seen = values(kafka, topic, 600);
        assertThat(seen).hasSize(600).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected(600));
        assertThat(listener.committed).hasValue(600);
        assertThat(listener.failed).hasValue(300);
    }

    private static Producer<String, byte[]> producer(KafkaTestClient kafka, String topic) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + topic,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> record(String topic, int i) {
        return new ProducerRecord<>(topic, "key-" + i, ("value-" + i).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> expected(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add("value-" + i);
        }
        return values;
    }

    /** Everything committed to the topic once at least {@code count} records are visible. */
    private static List<String> values(KafkaTestClient kafka, String topic, int count) {
        kafka.consumeAtLeast(topic, count, new StringDeserializer(), new StringDeserializer(), TIMEOUT);
        return kafka.consumeAll(topic, new StringDeserializer(), new StringDeserializer(), TIMEOUT).stream()
                .map(ConsumerRecord::value).toList();
    }

    private static final class Counting implements TransactionalSender.Listener {
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        @Override
        public void committed(List<ProducerRecord<String, byte[]>> records) {
            committed.addAndGet(records.size());
        }

        @Override
        public void failed(List<ProducerRecord<String, byte[]>> records, KafkaException cause) {
            failed.addAndGet(records.size());
        }
    }
}
