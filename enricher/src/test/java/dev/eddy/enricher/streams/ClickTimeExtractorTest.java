package dev.eddy.enricher.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ClickTimeExtractorTest {

    private final ClickTimeExtractor extractor = new ClickTimeExtractor();

    @Test
    void readsTheEventTimeAsNumberOrNumericString() {
        assertThat(extract("{\"ip\":\"1.2.3.4\",\"nested\":{\"_time\":5},\"_time\":1700000000123}", 42L))
                .isEqualTo(1_700_000_000_123L);
        assertThat(extract("{\"_time\":\"1700000000123\"}", 42L)).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void fallsBackToTheRecordTimestampThenStreamTimeButNeverBelowZero() {
        assertThat(extract("{\"ip\":\"1.2.3.4\"}", 42L)).as("no _time").isEqualTo(42L);
        assertThat(extract("{\"_time\":-5}", 42L)).as("negative _time").isEqualTo(42L);
        assertThat(extract("{\"_time\":\"soon\"}", 42L)).as("not a number").isEqualTo(42L);
        assertThat(extract("not json at all", 42L)).isEqualTo(42L);
        assertThat(extract("", 42L)).isEqualTo(42L);
        assertThat(extract("{\"_time\":", -1L, 900L)).as("no record timestamp: partition time").isEqualTo(900L);
        assertThat(extract("{\"_time\":", -1L, -1L)).as("nothing known yet").isZero();
    }

    private long extract(String value, long recordTimestamp) {
        return extract(value, recordTimestamp, 7L);
    }

    private long extract(String value, long recordTimestamp, long partitionTime) {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("clickstream", 0, 0L, recordTimestamp,
                TimestampType.CREATE_TIME, -1, -1, "k".getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
        return extractor.extract(record, partitionTime);
    }
}
