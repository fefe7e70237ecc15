package dev.eddy.aggregator.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
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
            byte[] city = NullableStrings.utf8(value.city());
            byte[] level = NullableStrings.utf8(value.level());
            ByteBuffer buffer = ByteBuffer.allocate(1 + NullableStrings.encodedLength(city)
                    + NullableStrings.encodedLength(level) + 8 + 4 + 4 * value.users().size());
            buffer.put(VERSION);
            NullableStrings.put(buffer, city);
            NullableStrings.put(buffer, level);
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
                String city = NullableStrings.get(buffer);
                String level = NullableStrings.get(buffer);
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
}
