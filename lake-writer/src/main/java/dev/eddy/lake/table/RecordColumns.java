package dev.eddy.lake.table;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's columns derived from its contract record, in one place: column names are the JSON field names (so the
 * lake reads like the topic), column order is the record's, and the Parquet type follows the Java type. Primitives
 * and fields the contract marks {@code required} are REQUIRED columns; everything else is OPTIONAL.
 */
public final class RecordColumns<T extends Record> {

    /** The Parquet column kinds the contracts use. */
    public enum Kind { STRING, INT32, INT64, BOOLEAN }

    public record Column(String name, Kind kind, boolean required, MethodHandle accessor) {
    }

    private final String table;
    private final List<Column> columns;
    private final MessageType schema;

    private RecordColumns(String table, List<Column> columns, MessageType schema) {
        this.table = table;
        this.columns = columns;
        this.schema = schema;
    }

    public static <T extends Record> RecordColumns<T> of(String table, Class<T> type) {
        List<Column> columns = new ArrayList<>();
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty property = jsonProperty(type, component);
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            Class<?> javaType = component.getType();
            Kind kind = kindOf(javaType, type, name);
            boolean required = javaType.isPrimitive() || (property != null && property.required());
            columns.add(new Column(name, kind, required, accessor(component)));
            Type.Repetition repetition = required ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
            switch (kind) {
                case STRING -> schema.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(name);
                case INT32 -> schema.primitive(PrimitiveTypeName.INT32, repetition).named(name);
                case INT64 -> schema.primitive(PrimitiveTypeName.INT64, repetition).named(name);
                case BOOLEAN -> schema.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            }
        }
        return new RecordColumns<>(table, List.copyOf(columns), schema.named(table));
    }

    public MessageType schema() {
        return schema;
    }

    public List<Column> columns() {
        return columns;
    }

    /**
     * The row of one record, one value per column in schema order: strings as UTF-8 {@link Binary}, numbers and
     * booleans boxed, null for an absent optional value.
     *
     * @throws SchemaMismatchException when a required column would be null
     */
    public Object[] rowOf(T record) {
        return rowOf(record, null, null);
    }

    /**
     * The same, reusing the UTF-8 bytes already at hand: where the record's string is the very {@code parsed} object
     * its {@code encoded} bytes were made from, those bytes are used (a compact constructor that replaced the value
     * gets its own value encoded).
     */
    Object[] rowOf(T record, Object[] parsed, Binary[] encoded) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Column column = columns.get(i);
            Object value;
            try {
                value = column.accessor().invokeExact((Object) record);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + column.name() + " of " + record, e);
            }
            if (value == null) {
                if (column.required()) {
                    throw new SchemaMismatchException(table, column.name(), "is required but the record has null");
                }
            } else if (column.kind() == Kind.STRING) {
                value = parsed != null && parsed[i] == value && encoded[i] != null ? encoded[i]
                        : Binary.fromConstantByteArray(((String) value).getBytes(StandardCharsets.UTF_8));
            }
            row[i] = value;
        }
        return row;
    }

    private static JsonProperty jsonProperty(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record component without field: " + component, e);
        }
    }

    private static Kind kindOf(Class<?> javaType, Class<?> record, String name) {
        if (javaType == String.class) {
            return Kind.STRING;
        }
        if (javaType == int.class || javaType == Integer.class) {
            return Kind.INT32;
        }
        if (javaType == long.class || javaType == Long.class) {
            return Kind.INT64;
        }
        if (javaType == boolean.class || javaType == Boolean.class) {
            return Kind.BOOLEAN;
        }
        throw new IllegalStateException(record.getSimpleName() + "." + name + " has type " + javaType.getName()
                + ", which has no Parquet column mapping");
    }

    private static MethodHandle accessor(RecordComponent component) {
        try {
            return MethodHandles.publicLookup().unreflect(component.getAccessor())
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot access " + component, e);
        }
    }
}
