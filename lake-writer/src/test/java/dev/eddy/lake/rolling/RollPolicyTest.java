package dev.eddy.lake.rolling;

import dev.eddy.lake.config.WriterSettings.RollLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RollPolicyTest {

    /** 2026-11-21T10:00:00Z. */
    private static final long T = 1_795_255_200_000L;

    private final RollPolicy policy = new RollPolicy(new RollLimits(3, 1_000, Duration.ofMinutes(5)));

    @Test
    void rollsOnRecordCount() {
        FileExtent three = FileExtent.first(10, T).plus(10, T + 1).plus(10, T + 2);

        assertThat(policy.beforeAppend(FileExtent.first(10, T).plus(10, T + 1), 10, T + 2)).isEmpty();
        assertThat(policy.beforeAppend(three, 10, T + 3)).contains(RollReason.RECORDS);
    }

    @Test
    void rollsWhenTheNextRecordWouldPassTheByteLimit() {
        FileExtent file = FileExtent.first(600, T);

        assertThat(policy.beforeAppend(file, 400, T)).isEmpty();
        assertThat(policy.beforeAppend(file, 401, T)).contains(RollReason.BYTES);
    }

    @Test
    void rollsWhenEventTimeSpanReachesTheLimitEitherWay() {
        FileExtent file = FileExtent.first(10, T + 600_000);

        assertThat(policy.beforeAppend(file, 10, T + 600_000 + 299_999)).isEmpty();
        assertThat(policy.beforeAppend(file, 10, T + 600_000 + 300_000)).contains(RollReason.SPAN);
        // a late record widens the span backwards
        assertThat(policy.beforeAppend(file, 10, T + 600_000 - 300_000)).contains(RollReason.SPAN);
    }

    @Test
    void rollsWhenTheHourPartitionChanges() {
        FileExtent file = FileExtent.first(10, T + 3_599_000);

        assertThat(policy.beforeAppend(file, 10, T + 3_600_000)).contains(RollReason.HOUR);
        assertThat(policy.beforeAppend(file, 10, T - 1)).contains(RollReason.HOUR);
    }

    @Test
    void cutsAreAFunctionOfTheRecordsAlone() {
        // (offset, value bytes, event time): the same sequence must give the same start offsets every time
        long[][] records = {
                {0, 100, T}, {1, 100, T + 1}, {2, 900, T + 2}, {3, 100, T + 3}, {4, 100, T + 3_600_000},
                {5, 100, T + 3_600_001}, {6, 100, T + 3_600_002}, {7, 100, T + 3_600_003}};

        assertThat(startOffsets(records)).containsExactly(0L, 2L, 4L, 7L);
        assertThat(startOffsets(records)).isEqualTo(startOffsets(records));
    }

    private List<Long> startOffsets(long[][] records) {
        List<Long> starts = new ArrayList<>();
        FileExtent open = null;
        for (long[] record : records) {
            Optional<RollReason> roll = open == null ? Optional.empty()
                    : policy.beforeAppend(open, record[1], record[2]);
            if (open == null || roll.isPresent()) {
                starts.add(record[0]);
                open = FileExtent.first(record[1], record[2]);
            } else {
                open = open.plus(record[1], record[2]);
            }
        }
        return starts;
    }
}
