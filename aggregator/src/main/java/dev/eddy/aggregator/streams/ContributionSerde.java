package dev.eddy.aggregator.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Compact binary form of a {@link Contribution} for the internal repartition topics and the pending-partials stores
 * (a few dozen bytes instead of a ≈ 700-byte JSON click). Internal only: never on a topic other services read.
 * Layout: version byte, kind byte (0 partial, 1 watermark), then for a watermark {@code int upstream, long time}, for
 * a partial {@code long paneStart, long events, int userCount, int[] users, string city, string level} where a string
 * is an int byte length (-1 for null) and UTF-8 bytes.
 */
public final class ContributionSerde implements Serde<Contribution> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<Contribution> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<Contribution> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(Contribution value) {
        if (value.watermark()) {
            return ByteBuffer.allocate(2 + 4 + 8).put(VERSION).put((byte) 1).putInt(value.upstream())
                    .putLong(value.time()).array();
        }
        byte[] city = NullableStrings.utf8(value.city());
        byte[] level = NullableStrings.utf8(value.level());
        ByteBuffer buffer = ByteBuffer.allocate(2 + 8 + 8 + 4 + 4 * value.users().length
                + NullableStrings.encodedLength(city) + NullableStrings.encodedLength(level));
        buffer.put(VERSION).put((byte) 0).putLong(value.time()).putLong(value.events()).putInt(value.users().length);
        for (int user : value.users()) {
            buffer.putInt(user);
        }
        NullableStrings.put(buffer, city);
        NullableStrings.put(buffer, level);
        return buffer.array();
    }

    static Contribution decode(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte version = buffer.get();
            if (version != VERSION) {
                throw new SerializationException("unknown contribution format version " + version);
            }
            if (buffer.get() == 1) {
                return Contribution.watermark(buffer.getInt(), buffer.getLong());
            }
            long pane = buffer.getLong();
            long events = buffer.getLong();
            int[] users = new int[buffer.getInt()];
            for (int i = 0; i < users.length; i++) {
                users[i] = buffer.getInt();
            }
            return Contribution.partial(pane, events, users, NullableStrings.get(buffer), NullableStrings.get(buffer));
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new SerializationException("truncated contribution of " + bytes.length + " bytes", e);
        }
    }
}
