package dev.eddy.aggregator.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binary form of a {@link SessionAggregate} in the session store and its changelog (internal; the session store is
 * read and rewritten on every click of a known user, where JSON cost more than the aggregation): version byte,
 * {@code long events, long entryTime, string entryPage, long exitTime, string exitPage, int pageCount, pages}, a string
 * being an int byte length (-1 for null) and its UTF-8 bytes (no length limit, unlike {@code writeUTF}).
 */
public final class SessionAggregateSerde implements Serde<SessionAggregate> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<SessionAggregate> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 24 * value.pages().size());
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                write(out, value);
            } catch (IOException e) {
                throw new SerializationException("cannot encode a session aggregate", e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<SessionAggregate> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
                if (in.readByte() != VERSION) {
                    throw new SerializationException("unknown session aggregate format");
                }
                return read(in);
            } catch (IOException e) {
                throw new SerializationException("truncated session aggregate of " + bytes.length + " bytes", e);
            }
        };
    }

    /** Writes one aggregate without the version byte (also used inside {@link OpenSessionsSerde}). */
    static void write(DataOutputStream out, SessionAggregate value) throws IOException {
        out.writeLong(value.events());
        out.writeLong(value.entryTime());
        writeString(out, value.entryPage());
        out.writeLong(value.exitTime());
        writeString(out, value.exitPage());
        out.writeInt(value.pages().size());
        for (String page : value.pages()) {
            writeString(out, page);
        }
    }

    /** Reads what {@link #write} wrote. */
    static SessionAggregate read(DataInputStream in) throws IOException {
        long events = in.readLong();
        long entryTime = in.readLong();
        String entryPage = readString(in);
        long exitTime = in.readLong();
        String exitPage = readString(in);
        int count = in.readInt();
        Set<String> pages = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            pages.add(readString(in));
        }
        return new SessionAggregate(events, entryTime, entryPage, exitTime, exitPage, pages);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
