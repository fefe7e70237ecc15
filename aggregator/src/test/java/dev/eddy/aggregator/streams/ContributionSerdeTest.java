package dev.eddy.aggregator.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The internal binary formats read back what they wrote, and refuse bytes they did not write. */
class ContributionSerdeTest {

    private final ContributionSerde contributions = new ContributionSerde();

    @Test
    void partialsAndWatermarksRoundTrip() {
        for (Contribution value : new Contribution[] {
                Contribution.partial(1_767_225_600_000L, 42, new int[] {1, 7, 9}, "Zürich", "Gold"),
                Contribution.partial(0, 1, null, null, null),
                Contribution.watermark(5, 1_767_225_600_000L)}) {
            byte[] bytes = contributions.serializer().serialize("t", value);
            assertThat(contributions.deserializer().deserialize("t", bytes)).isEqualTo(value);
        }
    }

    @Test
    void truncatedOrForeignBytesAreRefusedWithAClearError() {
        byte[] bytes = contributions.serializer().serialize("t", Contribution.partial(1, 2, new int[] {3}, "a", "b"));
        assertThatThrownBy(() -> contributions.deserializer().deserialize("t", java.util.Arrays.copyOf(bytes, 9)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> contributions.deserializer().deserialize("t", "{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version");
    }

    @Test
    void sessionAndSegmentAggregatesRoundTrip() {
        SessionAggregate session = new SessionAggregate(3, 10, "/entry", 20, "/exit",
                new TreeSet<>(Set.of("/entry", "/exit", "/ü")));
        SessionAggregateSerde sessions = new SessionAggregateSerde();
        assertThat(sessions.deserializer().deserialize("t", sessions.serializer().serialize("t", session)))
                .isEqualTo(session);
        SegmentAggregate segment = new SegmentAggregate("London", "Gold", 5, new TreeSet<>(Set.of(1, 2)));
        SegmentAggregateSerde segments = new SegmentAggregateSerde();
        assertThat(segments.deserializer().deserialize("t", segments.serializer().serialize("t", segment)))
                .isEqualTo(segment);
    }
}
