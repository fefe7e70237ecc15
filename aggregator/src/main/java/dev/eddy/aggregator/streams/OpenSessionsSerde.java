package dev.eddy.aggregator.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of {@link OpenSessions} in the open-sessions store and its changelog (internal): version byte, int
 * count, then each session as {@link SessionAggregateSerde} writes it.
 */
final class OpenSessionsSerde implements Serde<OpenSessions> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<OpenSessions> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * Math.max(1, value.sessions().size()));
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeInt(value.sessions().size());
                for (SessionAggregate session : value.sessions()) {
                    SessionAggregateSerde.write(out, session);
                }
            } catch (IOException e) {
                throw new SerializationException("cannot encode open sessions", e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<OpenSessions> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                if (in.readByte() != VERSION) {
                    throw new SerializationException("unknown open-sessions format");
                }
                int count = in.readInt();
                List<SessionAggregate> sessions = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    sessions.add(SessionAggregateSerde.read(in));
                }
                return new OpenSessions(sessions);
            } catch (IOException e) {
                throw new SerializationException("truncated open sessions of " + bytes.length + " bytes", e);
            }
        };
    }
}
