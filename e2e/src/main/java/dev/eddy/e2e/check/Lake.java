package dev.eddy.e2e.check;

import dev.eddy.events.SessionSummary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The lake read back with SQL (DuckDB over the Parquet files), as an analyst would. */
public final class Lake {

    /** What the clickstream_enriched table holds. */
    public record EnrichedCounts(long rows, long distinctEventIds, Map<PageMinute, Long> perPageMinute) {
    }

    private final Path root;

    public Lake(Path root) {
        this.root = root;
    }

    /** Rows of clickstream_enriched; pages starting with {@code excludedPagePrefix} are left out of the per-page map. */
    public EnrichedCounts enriched(String excludedPagePrefix) {
        String table = table("clickstream_enriched");
        if (table == null) {
            return new EnrichedCounts(0, 0, Map.of());
        }
        long[] totals = query("SELECT count(*), count(DISTINCT event_id) FROM " + table, rs -> {
            try {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Map<PageMinute, Long> perPage = query("SELECT page, (_time // 60000) * 60000 AS window_start, count(*) FROM "
                + table + " WHERE NOT starts_with(page, '" + excludedPagePrefix + "') GROUP BY ALL", rs -> {
            Map<PageMinute, Long> counts = new TreeMap<>();
            try {
                while (rs.next()) {
                    counts.put(new PageMinute(rs.getString(1), rs.getLong(2)), rs.getLong(3));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return counts;
        });
        return new EnrichedCounts(totals[0], totals[1], perPage);
    }

    /** Every row of the sessions table (final session results). */
    public List<SessionSummary> sessions() {
        String table = table("sessions");
        if (table == null) {
            return List.of();
        }
        return query("SELECT userid, session_start, session_end, events, distinct_pages, entry_page, exit_page, bounce"
                + " FROM " + table, rs -> {
            List<SessionSummary> rows = new ArrayList<>();
            try {
                while (rs.next()) {
                    rows.add(new SessionSummary(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getInt(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return rows;
        });
    }

    /** The read_parquet(...) of a table, or null while it has no file yet (DuckDB refuses an empty glob). */
    private String table(String name) {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var files = Files.walk(dir)) {
            if (files.noneMatch(file -> file.toString().endsWith(".parquet"))) {
                return null;
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return "read_parquet('" + dir.toString().replace("'", "''") + "/**/*.parquet', hive_partitioning = true)";
    }

    private <T> T query(String sql, Function<ResultSet, T> reader) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return reader.apply(rs);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL over the lake failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
