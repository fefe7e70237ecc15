package dev.eddy.lake.parquet;

import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.lake.support.LakeFixtures;
import dev.eddy.lake.table.LakeTable;
import dev.eddy.lake.table.TableRegistry;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The columns a table marks as (nearly) unique are written without a dictionary, every other column with one: the
 * choice that keeps the writer from hashing values whose dictionary would outgrow its page and be dropped anyway.
 */
class DictionaryChoiceTest {

    @Test
    void uniqueColumnsHaveNoDictionaryAndRepeatedOnesDo(@TempDir Path folder) throws Exception {
        LakeTable<?> clicks = new TableRegistry().forTopic(Topics.ENRICHED).orElseThrow();
        Path path = folder.resolve("clicks.parquet");
        try (ParquetSpoolFile file = new ParquetSpoolFile(path, clicks.columns(), clicks.uniqueColumns(),
                CompressionCodecName.ZSTD, 1 << 20)) {
            for (int i = 0; i < 1_000; i++) {
                byte[] json = EventSerdes.enrichedClick().serializer().serialize(Topics.ENRICHED,
                        LakeFixtures.click("e-" + i, i % 7, LakeFixtures.TEN_O_CLOCK + i, i % 2 == 0 ? "/a" : "/b"));
                file.write(clicks.decode(json).values());
            }
            file.finish(Map.of());

            // DuckDB's view of the footer: a column chunk without a dictionary page has no dictionary_page_offset.
            Map<String, Boolean> dictionary = new HashMap<>();
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                 Statement statement = duckdb.createStatement();
                 ResultSet columns = statement.executeQuery("SELECT path_in_schema, dictionary_page_offset"
                         + " FROM parquet_metadata('" + path + "')")) {
                while (columns.next()) {
                    dictionary.put(columns.getString(1), columns.getObject(2) != null);
                }
            }

            assertThat(clicks.uniqueColumns()).containsExactlyInAnyOrder("event_id", "_time", "session_id", "ip");
            clicks.uniqueColumns().forEach(column -> assertThat(dictionary).as(column).containsEntry(column, false));
            assertThat(dictionary).containsEntry("page", true).containsEntry("request", true)
                    .containsEntry("userid", true).containsEntry("city", true);
        }
    }
}
