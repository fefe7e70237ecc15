package dev.eddy.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one contract record. Serialising a null writes null (a tombstone); deserialising null returns null
 * so compacted-topic tombstones pass, while malformed bytes raise {@link EventFormatException}.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final JsonCodec<T> codec;

    public JsonSerde(Class<T> type) {
        this.codec = new JsonCodec<>(type);
    }

    public JsonCodec<T> codec() {
        return codec;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec.encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the contract class fixes the format.
    }

    @Override
    public void close() {
        // Stateless: nothing to release. Declared because Serde, Serializer and Deserializer each define close().
    }
}
