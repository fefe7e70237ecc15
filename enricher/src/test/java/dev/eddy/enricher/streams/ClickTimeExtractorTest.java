package dev.eddy.enricher.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ClickTimeExtractorTest {

    private static final long NOW = 1_800_000_000_000L;
    private final ClickTimeExtractor extractor = new ClickTimeExtractor(new ClickLimits(java.time.Duration.ofMinutes(5),
            java.time.Instant.parse("2000-01-01T00:00:00Z"), 256 * 1024, () -> NOW));

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

    @Test
    void anImplausibleEventTimeDoesNotBecomeTheTimestamp() {
        // Such a click is dead-lettered by the decoder; its _time must not move stream time first.
        long farFuture = NOW + java.time.Duration.ofDays(365).toMillis();
        assertThat(extract("{\"_time\":" + farFuture + "}", NOW - 1_000L)).as("future _time: record timestamp")
                .isEqualTo(NOW - 1_000L);
        assertThat(extract("{\"_time\":1000}", NOW - 1_000L)).as("1970 _time: record timestamp")
                .isEqualTo(NOW - 1_000L);
        assertThat(extract("{\"_time\":" + farFuture + "}", farFuture, 900L))
                .as("future record timestamp too: partition time").isEqualTo(900L);
        assertThat(extract("{\"_time\":" + (NOW + 60_000L) + "}", 42L)).as("within the allowed skew")
                .isEqualTo(NOW + 60_000L);
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
