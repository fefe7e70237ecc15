package dev.eddy.enricher.streams;

import dev.eddy.enricher.TestRecords;
import dev.eddy.events.Click;
import dev.eddy.events.EventFormatException;
import dev.eddy.events.EventSerdes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.eddy.enricher.TestRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimeBoundsTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long SKEW = Duration.ofMinutes(5).toMillis();

    private final AtomicLong clock = new AtomicLong(NOW);
    private final AtomicInteger clockReads = new AtomicInteger();
    private final EventTimeBounds bounds = new EventTimeBounds(new ClickLimits(Duration.ofMillis(SKEW),
            Instant.parse("2000-01-01T00:00:00Z"), 256 * 1024, () -> {
                clockReads.incrementAndGet();
                return clock.get();
            }));

    @Test
    void acceptsUpToTheSkewAheadOfTheClockAndNoFurther() {
        assertThat(bounds.notTooFarAhead(NOW + SKEW)).as("exactly the skew ahead").isTrue();
        assertThat(bounds.notTooFarAhead(NOW + SKEW + 1)).as("one millisecond more").isFalse();
        assertThat(bounds.plausible(NOW - Duration.ofDays(3_000).toMillis())).as("years late, after 2000").isTrue();
        assertThat(bounds.plausible(Instant.parse("1999-12-31T23:59:59.999Z").toEpochMilli())).as("before 2000")
                .isFalse();
    }

    @Test
    void readsTheClockOnlyForAnEventTimeBeyondTheBoundReadLast() {
        assertThat(bounds.notTooFarAhead(NOW)).isTrue();
        assertThat(clockReads).as("first check").hasValue(1);
        for (long time = NOW - 1_000_000L; time <= NOW + SKEW; time += 1_000L) {
            assertThat(bounds.notTooFarAhead(time)).isTrue();
        }
        assertThat(clockReads).as("every event time below the bound read").hasValue(1);

        assertThat(bounds.notTooFarAhead(NOW + SKEW + 60_000L)).as("a minute beyond it, clock unchanged").isFalse();
        assertThat(clockReads).hasValue(2);
        clock.set(NOW + 60_000L);
        assertThat(bounds.notTooFarAhead(NOW + SKEW + 60_000L)).as("the clock has moved a minute").isTrue();
        assertThat(clockReads).hasValue(3);
        assertThat(bounds.notTooFarAhead(NOW + SKEW + 60_001L)).as("still no further than the clock allows")
                .isFalse();
    }

    @Test
    void refusesAClickOutOfBoundsNamingTheSetting() {
        bounds.check(click(NOW + SKEW));

        assertThatThrownBy(() -> bounds.check(click(NOW + SKEW + 1)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("_time")
                .hasMessageContaining("eddy.enricher.max-future-skew (PT5M) ahead of this machine's clock");
        assertThatThrownBy(() -> bounds.check(click(946_684_799_999L)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("is before eddy.enricher.earliest-event-time (2000-01-01T00:00:00Z)");
    }

    private static Click click(long eventTime) {
        return EventSerdes.click().codec().decode(bytes(TestRecords.click("e", 7, eventTime)));
    }
}
