package dev.eddy.lake.table;

import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordColumnsTest {

    @Test
    void schemaFollowsTheContractRecord() {
        RecordColumns<PageViewsWindow> columns = RecordColumns.of("page_views_1m", PageViewsWindow.class);

        assertThat(columns.schema()).isEqualTo(MessageTypeParser.parseMessageType("""
                message page_views_1m {
                  required binary page (STRING);
                  required int64 window_start;
                  required int64 window_end;
                  required int64 views;
                }"""));
    }

    @Test
    void enrichedClickKeepsTheJsonFieldNamesAndOptionalUserFields() {
        LakeTable<?> table = new TableRegistry().forTopic(Topics.ENRICHED).orElseThrow();

        assertThat(table.name()).isEqualTo("clickstream_enriched");
        assertThat(table.schema().getFieldCount()).isEqualTo(24);
        assertThat(table.schema().getType("_time").toString()).isEqualTo("required int64 _time");
        assertThat(table.schema().getType("registered_at").toString()).isEqualTo("optional int64 registered_at");
        assertThat(table.schema().getType("username").toString()).isEqualTo("optional binary username (STRING)");
    }

    @Test
    void everyTopicHasItsTable() {
        TableRegistry registry = new TableRegistry();

        assertThat(registry.tables()).extracting(LakeTable::name)
                .containsExactlyElementsOf(LakeTableNames.ALL);
        assertThat(registry.topics()).containsExactly(Topics.ENRICHED, Topics.USER_ACTIVITY_1M,
                Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M, Topics.SESSIONS, Topics.ERRORS_1M,
                Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS);
    }

    @Test
    void aNullInARequiredColumnDoesNotFit() {
        LakeTable<?> sessions = new TableRegistry().forTopic(Topics.SESSIONS).orElseThrow();
        byte[] value = """
                {"userid":7,"session_start":1000,"session_end":2000,"events":3,"distinct_pages":2,
                 "entry_page":null,"exit_page":"/b","bounce":false}""".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> sessions.decode(value))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("table sessions, column entry_page: is required but the record has null");
    }

    @Test
    void aRowHoldsTheValuesInColumnOrderAndTheEventTime() {
        LakeTable<?> sessions = new TableRegistry().forTopic(Topics.SESSIONS).orElseThrow();
        SessionSummary session = new SessionSummary(7, 1000, 2000, 3, 2, "/a", "/b", false);

        LakeTable.DecodedRow row = sessions.decode(dev.eddy.events.EventSerdes.sessionSummary().serializer()
                .serialize(Topics.SESSIONS, session));

        assertThat(row.values()).containsExactly(7, 1000L, 2000L, 3L, 2, Binary.fromString("/a"),
                Binary.fromString("/b"), false);
        assertThat(row.eventTime()).isEqualTo(1000L);
    }
}
