package dev.eddy.lake.parquet;

import dev.eddy.lake.table.RecordColumns;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rows (one value per column, nulls for absent optional values) straight into Parquet's column writers: no
 * Avro schema and no intermediate objects per row. Footer key-value metadata is set just before the file is closed.
 */
final class RowWriteSupport extends WriteSupport<Object[]> {

    private final MessageType schema;
    private final RecordColumns.Kind[] kinds;
    private final String[] names;
    private final Map<String, String> footer = new HashMap<>();
    private RecordConsumer consumer;

    RowWriteSupport(RecordColumns<?> columns) {
        this.schema = columns.schema();
        List<RecordColumns.Column> list = columns.columns();
        this.kinds = list.stream().map(RecordColumns.Column::kind).toArray(RecordColumns.Kind[]::new);
        this.names = list.stream().map(RecordColumns.Column::name).toArray(String[]::new);
    }

    void footer(Map<String, String> metadata) {
        footer.putAll(metadata);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        consumer.startMessage();
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            consumer.startField(names[i], i);
            switch (kinds[i]) {
                // Rows carry strings already encoded as UTF-8 Binary (RecordColumns.rowOf), often the same instance
                // for a repeated value.
                case STRING -> consumer.addBinary((Binary) value);
                case INT32 -> consumer.addInteger((Integer) value);
                case INT64 -> consumer.addLong((Long) value);
                case BOOLEAN -> consumer.addBoolean((Boolean) value);
            }
            consumer.endField(names[i], i);
        }
        consumer.endMessage();
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(Map.copyOf(footer));
    }

    @Override
    public String getName() {
        return "eddy-lake-writer";
    }
}
