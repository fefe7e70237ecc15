package dev.eddy.lake.table;

import dev.eddy.events.JsonCodec;
import org.apache.parquet.schema.MessageType;

import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * One lake table: the topic it is written from, how a value is decoded, its columns, and which field is the
 * event time that decides the record's {@code dt=}/{@code hr=} partition.
 */
public final class LakeTable<T extends Record> {

    private final String name;
    private final String topic;
    private final JsonCodec<T> codec;
    private final FastRowDecoder<T> fastDecoder;
    private final RecordColumns<T> columns;
    private final ToLongFunction<T> eventTime;
    private final Set<String> uniqueColumns;

    public LakeTable(String name, String topic, Class<T> type, ToLongFunction<T> eventTime) {
        this(name, topic, type, eventTime, Set.of());
    }

    /**
     * @param uniqueColumns columns whose values are (nearly) all distinct, written without dictionary encoding: a
     *                      dictionary would never pay off and building it costs CPU
     */
    public LakeTable(String name, String topic, Class<T> type, ToLongFunction<T> eventTime,
                     Set<String> uniqueColumns) {
        this.name = name;
        this.topic = topic;
        this.codec = new JsonCodec<>(type);
        this.fastDecoder = new FastRowDecoder<>(type, uniqueColumns);
        this.columns = RecordColumns.of(name, type);
        this.eventTime = eventTime;
        this.uniqueColumns = Set.copyOf(uniqueColumns);
        uniqueColumns.forEach(column -> columns.schema().getType(column));
    }

    public Set<String> uniqueColumns() {
        return uniqueColumns;
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public MessageType schema() {
        return columns.schema();
    }

    public RecordColumns<T> columns() {
        return columns;
    }

    /**
     * Decodes a record value into a row.
     *
     * @throws dev.eddy.events.EventFormatException when the value is not a valid contract record
     * @throws SchemaMismatchException              when it decodes but does not fit the table
     */
    public DecodedRow decode(byte[] value) {
        return decode(value, 0, value == null ? 0 : value.length);
    }

    /** Decodes the {@code length} bytes at {@code offset} of {@code buffer}; see {@link #decode(byte[])}. */
    public DecodedRow decode(byte[] buffer, int offset, int length) {
        // The plain well-formed case in one pass over the bytes; everything else (and every error) through the codec.
        FastRowDecoder.Decoded<T> fast = fastDecoder.decode(buffer, offset, length);
        if (fast != null) {
            T record = fast.record();
            return new DecodedRow(columns.rowOf(record, fast.parsed(), fast.encoded()), eventTime.applyAsLong(record));
        }
        byte[] exact = buffer == null || (offset == 0 && length == buffer.length) ? buffer
                : java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        T record = codec.decode(exact);
        return new DecodedRow(columns.rowOf(record), eventTime.applyAsLong(record));
    }

    /** The record when the fast path decodes it, {@code null} when it leaves it to the codec (for tests). */
    T decodeFast(byte[] value) {
        FastRowDecoder.Decoded<T> fast = fastDecoder.decode(value, 0, value == null ? 0 : value.length);
        return fast == null ? null : fast.record();
    }

    /** The record the codec decodes (for tests). */
    T decodeWithCodec(byte[] value) {
        return codec.decode(value);
    }

    /**
     * A row ready for Parquet and the event time (epoch millis) that places it: one value per column, string columns
     * as Parquet {@link org.apache.parquet.io.api.Binary} (UTF-8), numbers and booleans boxed, absent values null.
     */
    public record DecodedRow(Object[] values, long eventTime) {
    }
}
