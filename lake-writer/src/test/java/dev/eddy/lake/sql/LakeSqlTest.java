package dev.eddy.lake.sql;

import dev.eddy.lake.naming.HourPartition;
import dev.eddy.lake.naming.LakeObjectName;
import dev.eddy.lake.parquet.ParquetSpoolFile;
import dev.eddy.lake.storage.LocalFolderStorage;
import dev.eddy.lake.table.LakeTable;
import dev.eddy.lake.table.TableRegistry;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.lake.support.LakeFixtures;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code ./eddy sql} prints for the lake's question "how many events so far, by page". */
class LakeSqlTest {

    @Test
    void answersEventsByPageOverHivePartitionedFiles(@TempDir Path lake) throws SQLException {
        writeClicks(lake, 0, "/a", "/a", "/b");
        writeClicks(lake, 3, "/a");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LakeSql(lake).run("SELECT page, count(*) AS events FROM clickstream_enriched GROUP BY page ORDER BY page",
                new PrintStream(out, true, StandardCharsets.UTF_8), false);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                page | events
                -----+-------
                /a   | 3
                /b   | 1
                (2 rows)
                """);
    }

    @Test
    void partitionColumnsAreQueryableAndCsvIsAvailable(@TempDir Path lake) throws SQLException {
        writeClicks(lake, 0, "/a");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LakeSql(lake).run("SELECT dt, hr, count(*) AS n FROM clickstream_enriched GROUP BY ALL",
                new PrintStream(out, true, StandardCharsets.UTF_8), true);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("dt,hr,n\n2026-11-21,10,1\n");
    }

    @Test
    void tablesWithoutFilesAreNotViews(@TempDir Path lake) {
        writeClicks(lake, 0, "/a");

        assertThat(new LakeSql(lake).tablesWithData()).containsExactly("clickstream_enriched");
        assertThatThrownBy(() -> new LakeSql(lake).run("SELECT * FROM sessions", System.out, false))
                .isInstanceOf(SQLException.class).hasMessageContaining("sessions");
    }

    private static void writeClicks(Path lake, long startOffset, String... pages) {
        @SuppressWarnings("unchecked")
        LakeTable<?> table = new TableRegistry().forTopic(Topics.ENRICHED).orElseThrow();
        LakeObjectName name = new LakeObjectName(table.name(), HourPartition.of(LakeFixtures.TEN_O_CLOCK),
                Topics.ENRICHED, 0, startOffset);
        Path spool = lake.resolve("_tmp").resolve(name.fileName());
        spool.getParent().toFile().mkdirs();
        try (ParquetSpoolFile file = new ParquetSpoolFile(spool, table.columns(), table.uniqueColumns(), CompressionCodecName.SNAPPY,
                1 << 20)) {
            for (int i = 0; i < pages.length; i++) {
                byte[] json = EventSerdes.enrichedClick().serializer().serialize(Topics.ENRICHED,
                        LakeFixtures.click("e" + startOffset + "-" + i, 1, LakeFixtures.TEN_O_CLOCK + i, pages[i]));
                file.write(table.decode(json).values());
            }
            file.finish(Map.of());
            new LocalFolderStorage(lake).publish(spool, name);
        }
    }
}
