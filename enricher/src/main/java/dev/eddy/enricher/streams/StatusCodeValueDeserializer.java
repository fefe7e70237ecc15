package dev.eddy.enricher.streams;

import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;
import dev.eddy.events.StatusCode;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Value serde of the status-code reference table, which keeps raw bytes. Kafka Streams fills a {@code GlobalKTable} at
 * start by copying the topic's bytes into the store without deserialising them, so a bad entry can be in the store;
 * {@link StatusDefinitions} decodes at lookup and treats such an entry as missing.
 *
 * <p>One deserializer serves two callers, told apart by the method Kafka Streams calls (a {@code GlobalKTable}'s store
 * always uses the {@code Consumed} serde, whatever {@code Materialized} says):
 * <ul>
 *   <li>a record arriving on the topic is deserialised with its headers ({@link #deserialize(String, Headers,
 *       byte[])}): it must decode, else the exception sends it to {@link StatusCodeDeadLetterHandler}, which
 *       dead-letters it as before;</li>
 *   <li>a value read back from the store ({@link #deserialize(String, byte[])}, no headers) is passed on untouched: a
 *       bad one loaded at start must not fail the click that looks it up. {@code EnricherStatusCodeRestoreIT} covers
 *       both against a real broker.</li>
 * </ul>
 */
public final class StatusCodeValueDeserializer implements Deserializer<byte[]> {

    private static final JsonCodec<StatusCode> CODEC = EventSerdes.statusCode().codec();

    /** A record read from {@code clickstream.status-codes}: checked (null is a tombstone, which removes the code). */
    @Override
    public byte[] deserialize(String topic, Headers headers, byte[] data) {
        if (data != null) {
            CODEC.decode(data);     // throws EventFormatException naming the field
        }
        return data;
    }

    /** A value read back from the table's store: raw bytes, decoded at lookup. */
    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data;
    }
}
