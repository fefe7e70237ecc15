package dev.eddy.generator.simulation;

import dev.eddy.events.Click;
import dev.eddy.events.Topics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Helpers to run a simulation and look at what it emitted. */
final class Runs {

    static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private Runs() {
    }

    static SimulationSettings.Builder settings(long seed) {
        return SimulationSettings.defaults(seed, START);
    }

    /** Every emission of a bounded run. */
    static List<Emission> all(SimulationSettings settings) {
        Simulation simulation = new Simulation(settings);
        List<Emission> emissions = new ArrayList<>();
        for (Emission e = simulation.next(); e != null; e = simulation.next()) {
            emissions.add(e);
        }
        return emissions;
    }

    /** Emissions until {@code stop} accepts one (included), for unbounded runs. */
    static List<Emission> until(Simulation simulation, Predicate<Emission> stop) {
        List<Emission> emissions = new ArrayList<>();
        while (true) {
            Emission e = simulation.next();
            emissions.add(e);
            if (stop.test(e)) {
                return emissions;
            }
        }
    }

    static List<Click> clicks(List<Emission> emissions) {
        return emissions.stream().filter(e -> e.topic().equals(Topics.CLICKS)).map(Emission::click).toList();
    }

    static boolean isBot(Click click) {
        return click.agent().contains("bot");
    }
}
