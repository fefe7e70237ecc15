package dev.eddy.lake.naming;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class LakeObjectNameTest {

    @Test
    void hourPartitionIsTheEventTimeInUtc() {
        // 2026-11-21T07:59:59.999Z and the next millisecond
        assertThat(HourPartition.of(1_795_247_999_999L)).isEqualTo(new HourPartition(LocalDate.of(2026, 11, 21), 7));
        assertThat(HourPartition.of(1_795_248_000_000L)).isEqualTo(new HourPartition(LocalDate.of(2026, 11, 21), 8));
        // 2026-11-21T23:30Z is still the 21st in UTC whatever the machine's zone
        assertThat(HourPartition.of(1_795_303_800_000L).path()).isEqualTo("dt=2026-11-21/hr=23");
        assertThat(HourPartition.of(0L).path()).isEqualTo("dt=1970-01-01/hr=00");
    }

    @Test
    void objectNameCarriesTopicPartitionAndStartOffset() {
        LakeObjectName name = new LakeObjectName("clickstream_enriched", HourPartition.of(1_795_248_000_000L),
                "clickstream.enriched", 4, 120_000L);

        assertThat(name.fileName()).isEqualTo("clickstream.enriched+4+120000.parquet");
        assertThat(name.relativePath())
                .isEqualTo("clickstream_enriched/dt=2026-11-21/hr=08/clickstream.enriched+4+120000.parquet");
    }

    @Test
    void sameFirstRecordGivesSameName() {
        LakeObjectName first = new LakeObjectName("sessions", HourPartition.of(1_795_248_000_000L),
                "clickstream.windows.sessions", 0, 7L);
        LakeObjectName replayed = new LakeObjectName("sessions", HourPartition.of(1_795_248_000_000L + 59_000),
                "clickstream.windows.sessions", 0, 7L);

        assertThat(replayed.relativePath()).isEqualTo(first.relativePath());
    }
}
