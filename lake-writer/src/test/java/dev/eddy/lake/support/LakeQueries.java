package dev.eddy.lake.support;

import dev.eddy.lake.sql.LakeSql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQL over a local lake folder with DuckDB, the way {@code ./eddy sql} reads it. */
public final class LakeQueries {

    private LakeQueries() {
    }

    public static long count(Path root, String sql) {
        List<List<Object>> rows = rows(root, sql);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }

    /** Rows of a query; an empty list when the table has no files yet. */
    public static List<List<Object>> rows(Path root, String sql) {
        LakeSql lake = new LakeSql(root);
        if (lake.tablesWithData().isEmpty()) {
            return List.of();
        }
        try (Connection connection = lake.open(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return List.of();
            }
            throw new IllegalStateException(sql, e);
        }
    }
}
