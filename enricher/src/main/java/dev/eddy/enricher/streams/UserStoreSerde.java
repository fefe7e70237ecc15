package dev.eddy.enricher.streams;

import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;
import dev.eddy.events.User;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Value format of the users versioned store and its changelog ({@code eddy-enricher-users-versioned-changelog}),
 * internal to the enricher: a compact binary layout instead of JSON, because every click with a user id reads (and so
 * decodes) a user version from the store, while a user is written only when it changes. The input topic
 * {@code clickstream.users} stays JSON.
 *
 * <p>Layout: the format byte {@code 0x01}, {@code user_id} (int), {@code registered_at} (long), then {@code username},
 * {@code first_name}, {@code last_name}, {@code city} and {@code level}, each as a length (int; -1 for null) and its
 * UTF-8 bytes. A value that starts with {@code '{'} is the JSON an earlier enricher wrote to the changelog and is
 * still read, so a store restored from an older changelog keeps working.
 */
final class UserStoreSerde implements Serde<User>, Serializer<User>, Deserializer<User> {

    private static final byte FORMAT_V1 = 1;
    private static final byte JSON_OBJECT = '{';
    private static final JsonCodec<User> JSON = EventSerdes.user().codec();

    @Override
    public byte[] serialize(String topic, User user) {
        if (user == null) {
            return null;
        }
        byte[][] texts = {utf8(user.username()), utf8(user.firstName()), utf8(user.lastName()), utf8(user.city()),
                utf8(user.level())};
        int size = 1 + Integer.BYTES + Long.BYTES;
        for (byte[] text : texts) {
            size += Integer.BYTES + (text == null ? 0 : text.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT_V1).putInt(user.userId()).putLong(user.registeredAt());
        for (byte[] text : texts) {
            if (text == null) {
                out.putInt(-1);
            } else {
                out.putInt(text.length).put(text);
            }
        }
        return out.array();
    }

    @Override
    public User deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == JSON_OBJECT) {
            return JSON.decode(data);
        }
        if (data.length == 0 || data[0] != FORMAT_V1) {
            throw new IllegalStateException("users store: unknown value format "
                    + (data.length == 0 ? "(empty)" : Integer.toString(data[0])));
        }
        ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
        int userId = in.getInt();
        long registeredAt = in.getLong();
        return new User(userId, text(in), registeredAt, text(in), text(in), text(in), text(in));
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    @Override
    public Serializer<User> serializer() {
        return this;
    }

    @Override
    public Deserializer<User> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the layout is fixed (see the class comment).
    }

    @Override
    public void close() {
        // Stateless.
    }
}
