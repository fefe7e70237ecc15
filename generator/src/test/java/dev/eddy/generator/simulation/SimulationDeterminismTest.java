package dev.eddy.generator.simulation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationDeterminismTest {

    @Test
    void sameSeedAndSettingsGiveTheSameRecordsByteForByte() {
        SimulationSettings settings = Runs.settings(42).maxEvents(30_000).build();

        List<Emission> first = Runs.all(settings);
        List<Emission> second = Runs.all(settings);

        assertThat(first).hasSizeGreaterThan(30_000);
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            Emission a = first.get(i);
            Emission b = second.get(i);
            assertThat(b.topic()).as("topic of record %d", i).isEqualTo(a.topic());
            assertThat(b.key()).as("key of record %d", i).isEqualTo(a.key());
            assertThat(b.valueBytes()).as("value of record %d", i).isEqualTo(a.valueBytes());
            assertThat(b.timestamp()).as("timestamp of record %d", i).isEqualTo(a.timestamp());
        }
    }

    @Test
    void anotherSeedGivesAnotherSequence() {
        List<Emission> a = Runs.all(Runs.settings(1).maxEvents(2_000).build());
        List<Emission> b = Runs.all(Runs.settings(2).maxEvents(2_000).build());

        List<String> clicksA = Runs.clicks(a).stream().map(c -> c.request() + c.eventTime()).toList();
        List<String> clicksB = Runs.clicks(b).stream().map(c -> c.request() + c.eventTime()).toList();
        assertThat(clicksA).isNotEqualTo(clicksB);
    }

    @Test
    void eventTimesComeFromTheSimulatedClockStartingAtTheStartTime() {
        List<Emission> emissions = Runs.all(Runs.settings(3).maxEvents(5_000).build());

        List<Long> clickTimes = Runs.clicks(emissions).stream().map(c -> c.eventTime()).toList();
        assertThat(clickTimes).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(Runs.START));
        // 5,000 clicks at 200/s span about 25 simulated seconds (visits are warmed up before the start, so the rate
        // holds from the first second), whatever the wall clock did meanwhile.
        long span = clickTimes.stream().mapToLong(Long::longValue).max().orElseThrow() - Runs.START;
        assertThat(span).isBetween(20_000L, 30_000L);
        assertThat(emissions).filteredOn(Emission::isClick)
                .allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(e.click().eventTime()));
    }
}
