package dev.eddy.lake.sql;

import dev.eddy.lake.table.LakeTableNames;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code ./eddy sql "SELECT ..."}: SQL over the local lake with DuckDB. Every table that has files becomes a view over
 * {@code read_parquet('<root>/<table>/**}{@code /*.parquet', hive_partitioning = true)}, so {@code dt} and {@code hr}
 * are columns too. Talks plain JDBC: its class path is this module's jar plus DuckDB's driver (docs/lake.md).
 *
 * <pre>
 * java -cp lake-writer/target/eddy-lake-writer-0.1.0-SNAPSHOT.jar:lake-writer/target/lake-sql/duckdb_jdbc.jar \
 *      dev.eddy.lake.sql.LakeSql [--root .eddy/lake] [--csv] "SELECT page, count(*) FROM clickstream_enriched GROUP BY page"
 * </pre>
 */
public final class LakeSql {

    private static final int MAX_CELL = 80;

    private final Path root;

    public LakeSql(Path root) {
        this.root = root;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getenv().getOrDefault("EDDY_LAKE_ROOT", ".eddy/lake"));
        boolean csv = false;
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> {
                    if (i + 1 >= args.length) {
                        usage("--root needs a folder");
                    }
                    root = Path.of(args[++i]);
                }
                case "--csv" -> csv = true;
                case "-h", "--help" -> usage(null);
                default -> sql.add(args[i]);
            }
        }
        if (root.toString().startsWith("s3:")) {
            usage("./eddy sql reads a local lake; for S3 use Athena, Spark or DuckDB with httpfs (docs/lake.md)");
        }
        LakeSql lake = new LakeSql(root);
        if (sql.isEmpty()) {
            usage(null);
        }
        try {
            lake.run(String.join(" ", sql), System.out, csv);
        } catch (SQLException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("tables with data under " + root.toAbsolutePath() + ": " + lake.tablesWithData());
            System.exit(1);
        }
    }

    private static void usage(String problem) {
        PrintStream out = problem == null ? System.out : System.err;
        if (problem != null) {
            out.println("error: " + problem);
        }
        out.println("usage: eddy sql [--root FOLDER] [--csv] \"SELECT ...\"");
        out.println("tables: " + String.join(", ", LakeTableNames.ALL) + " (plus dt and hr partition columns)");
        out.println("example: eddy sql \"SELECT page, count(*) AS views FROM clickstream_enriched GROUP BY page"
                + " ORDER BY views DESC\"");
        System.exit(problem == null ? 0 : 2);
    }

    /** Runs one statement and prints its result as an aligned table (or CSV). */
    public void run(String sql, PrintStream out, boolean csv) throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                out.println("ok (" + statement.getUpdateCount() + ")");
                return;
            }
            try (ResultSet result = statement.getResultSet()) {
                print(result, out, csv);
            }
        }
    }

    /** A DuckDB connection with one view per table that has files. */
    public Connection open() throws SQLException {
        Connection connection = duckDb().connect("jdbc:duckdb:", new Properties());
        try (Statement statement = connection.createStatement()) {
            for (String table : tablesWithData()) {
                String glob = root.toAbsolutePath().resolve(table) + "/**/*.parquet";
                statement.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('"
                        + glob.replace("'", "''") + "', hive_partitioning = true, union_by_name = true)");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * DuckDB's driver, loaded by name rather than through DriverManager, whose class-loader checks fail under
     * containers that swap the context class loader (Quarkus tests, some launchers).
     */
    private static Driver duckDb() throws SQLException {
        try {
            return (Driver) Class.forName("org.duckdb.DuckDBDriver").getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new SQLException("DuckDB's JDBC driver is not on the class path: add"
                    + " lake-writer/target/lake-sql/duckdb_jdbc.jar (built by ./mvnw -pl lake-writer package)", e);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("cannot load DuckDB's JDBC driver", e);
        }
    }

    public List<String> tablesWithData() {
        List<String> tables = new ArrayList<>();
        for (String table : LakeTableNames.ALL) {
            Path folder = root.resolve(table);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                if (files.anyMatch(path -> path.getFileName().toString().endsWith(".parquet"))) {
                    tables.add(table);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return tables;
    }

    private static void print(ResultSet result, PrintStream out, boolean csv) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
        }
        while (result.next()) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                Object value = result.getObject(c + 1);
                row[c] = value == null ? "NULL" : value.toString();
            }
            rows.add(row);
        }
        if (csv) {
            out.println(csvLine(header));
            rows.forEach(row -> out.println(csvLine(row)));
            return;
        }
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = Math.min(MAX_CELL, header[c].length());
            for (String[] row : rows) {
                widths[c] = Math.min(MAX_CELL, Math.max(widths[c], row[c].length()));
            }
        }
        out.println(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        rows.forEach(row -> out.println(line(row, widths)));
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].length() > widths[c] ? cells[c].substring(0, widths[c] - 1) + "…" : cells[c];
            text.append(c == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[c] - cell.length()));
        }
        return text.toString().stripTrailing();
    }

    private static String csvLine(String[] cells) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
                cell = "\"" + cell.replace("\"", "\"\"") + "\"";
            }
            text.append(c == 0 ? "" : ",").append(cell);
        }
        return text.toString();
    }
}
