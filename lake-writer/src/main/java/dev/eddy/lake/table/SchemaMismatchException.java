package dev.eddy.lake.table;

/** A decoded record that does not fit its table's Parquet schema (e.g. a null in a required column). */
public final class SchemaMismatchException extends RuntimeException {

    /** The reason code on the dead-letter headers. */
    public static final String REASON = "schema_mismatch";

    private final String column;

    public SchemaMismatchException(String table, String column, String problem) {
        super("table " + table + ", column " + column + ": " + problem);
        this.column = column;
    }

    public String column() {
        return column;
    }
}
