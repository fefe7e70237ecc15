package dev.eddy.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every contract survives the serde unchanged: what a producer writes is what every consumer reads. */
class ContractsRoundTripTest {

    static Stream<Object> samples() {
        return ContractSamples.all().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void serdeRoundTrip(Object sample) {
        JsonSerde serde = new JsonSerde(sample.getClass());
        byte[] bytes = serde.serialize("any-topic", sample);
        assertThat(serde.deserialize("any-topic", bytes)).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void tombstonesPassAsNull(Object sample) {
        JsonSerde serde = new JsonSerde(sample.getClass());
        assertThat(serde.serialize("any-topic", null)).isNull();
        assertThat(serde.deserialize("any-topic", null)).isNull();
    }
}
