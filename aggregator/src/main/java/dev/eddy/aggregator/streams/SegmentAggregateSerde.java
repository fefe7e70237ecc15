package dev.eddy.aggregator.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binary form of a {@link SegmentAggregate} in the segment store and its changelog (internal): version byte, city and
 * level (int length, -1 for null, UTF-8), {@code long events}, {@code int userCount}, user ids.
 */
public final class SegmentAggregateSerde implements Serde<SegmentAggregate> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<SegmentAggregate> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            byte[] city = value.city() == null ? null : value.city().getBytes(StandardCharsets.UTF_8);
            byte[] level = value.level() == null ? null : value.level().getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + (city == null ? 0 : city.length) + 4
                    + (level == null ? 0 : level.length) + 8 + 4 + 4 * value.users().size());
            buffer.put(VERSION);
            put(buffer, city);
            put(buffer, level);
            buffer.putLong(value.events()).putInt(value.users().size());
            value.users().forEach(buffer::putInt);
            return buffer.array();
        };
    }

    @Override
    public Deserializer<SegmentAggregate> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                if (buffer.get() != VERSION) {
                    throw new SerializationException("unknown segment aggregate format");
                }
                String city = get(buffer);
                String level = get(buffer);
                long events = buffer.getLong();
                int count = buffer.getInt();
                Set<Integer> users = new TreeSet<>();
                for (int i = 0; i < count; i++) {
                    users.add(buffer.getInt());
                }
                return new SegmentAggregate(city, level, events, users);
            } catch (BufferUnderflowException | NegativeArraySizeException e) {
                throw new SerializationException("truncated segment aggregate of " + bytes.length + " bytes", e);
            }
        };
    }

    private static void put(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(bytes.length).put(bytes);
        }
    }

    private static String get(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
