package dev.eddy.lake.writer;

import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends records the lake cannot hold to {@value Topics#DEAD_LETTERS}: original key and value bytes, original headers,
 * plus {@link DeadLetterHeaders}. {@link #awaitAcknowledged} is called before any offset commit that covers them, so
 * a record is never committed as handled without being in the lake or on the dead-letter topic.
 */
final class DeadLetters {

    private final Producer<byte[], byte[]> producer;
    private final List<Future<?>> inFlight = new ArrayList<>();

    DeadLetters(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    void send(ConsumerRecord<byte[], ByteBuffer> record, DeadLetterHeaders why) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        why.writeTo(headers);
        inFlight.add(producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, null, record.key(),
                bytes(record.value()), headers)));
    }

    /** The value's bytes (a copy: the record's buffer is not ours to hand to the producer). */
    private static byte[] bytes(ByteBuffer value) {
        if (value == null) {
            return null;
        }
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        return bytes;
    }

    boolean pending() {
        return !inFlight.isEmpty();
    }

    /** Waits until the broker acknowledged every record sent so far. */
    void awaitAcknowledged() {
        if (inFlight.isEmpty()) {
            return;
        }
        producer.flush();
        try {
            for (Future<?> ack : inFlight) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("dead-letter topic did not acknowledge a record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the dead-letter topic", e);
        } finally {
            inFlight.clear();
        }
    }
}
