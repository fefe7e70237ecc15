package dev.eddy.generator.config;

import dev.eddy.generator.simulation.SimulationSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the configuration and turns it into {@link SimulationSettings}. Every problem is reported at once, each
 * naming its full key, so a misconfigured service fails at start with a message that says what to fix.
 */
public final class SettingsMapper {

    public static final String PREFIX = "eddy.generator.";
    /** Highest accepted rate: beyond it one instance cannot keep up anyway (see docs/benchmarks.md). */
    public static final double MAX_RATE = 10_000_000;
    private static final int MAX_INITIAL_USERS = 10_000_000;

    private SettingsMapper() {
    }

    /**
     * @param seed      the seed to use (the configured one, or the random one chosen for this run)
     * @param startTime the simulated start (the configured one, or now)
     * @throws InvalidSettingsException naming every bad key
     */
    public static SimulationSettings toSettings(GeneratorConfig config, long seed, long startTime) {
        List<String> problems = new ArrayList<>();
        String rateProblem = rateProblem(config.rate());
        if (rateProblem != null) {
            problems.add(PREFIX + "rate: " + rateProblem);
        }
        config.maxEvents().ifPresent(max -> {
            if (max <= 0) {
                problems.add(PREFIX + "max-events: must be > 0 (leave it unset to run until stopped), was " + max);
            }
        });
        if (startTime <= 0) {
            problems.add(PREFIX + "start-time: must be after 1970-01-01T00:00:00Z");
        }
        int initial = config.users().initial();
        if (initial < 0 || initial > MAX_INITIAL_USERS) {
            problems.add(PREFIX + "users.initial: must be between 0 and " + MAX_INITIAL_USERS + ", was " + initial);
        }
        nonNegative(problems, "users.registrations-per-hour", config.users().registrationsPerHour());
        nonNegative(problems, "users.changes-per-hour", config.users().changesPerHour());
        fraction(problems, "anonymous-share", config.anonymousShare());
        fraction(problems, "bot-share", config.botShare());
        if (config.anonymousShare() + config.botShare() > 1) {
            problems.add(PREFIX + "anonymous-share + " + PREFIX + "bot-share: must add up to at most 1, was "
                    + (config.anonymousShare() + config.botShare()));
        }
        fraction(problems, "late-fraction", config.lateFraction());
        fraction(problems, "out-of-order-fraction", config.outOfOrderFraction());
        if (config.lateFraction() + config.outOfOrderFraction() > 1) {
            problems.add(PREFIX + "late-fraction + " + PREFIX + "out-of-order-fraction: must add up to at most 1, was "
                    + (config.lateFraction() + config.outOfOrderFraction()));
        }
        long outOfOrderMaxDelay = positiveMillis(problems, "out-of-order-max-delay", config.outOfOrderMaxDelay());
        long maxLateness = positiveMillis(problems, "max-lateness", config.maxLateness());
        if (outOfOrderMaxDelay > 0 && maxLateness > 0 && maxLateness <= outOfOrderMaxDelay) {
            problems.add(PREFIX + "max-lateness: must be longer than " + PREFIX + "out-of-order-max-delay ("
                    + config.outOfOrderMaxDelay() + "), was " + config.maxLateness());
        }
        long sessionGap = positiveMillis(problems, "session-gap", config.sessionGap());
        long thinkMean = positiveMillis(problems, "think-time.mean", config.thinkTime().mean());
        long thinkMax = positiveMillis(problems, "think-time.max", config.thinkTime().max());
        if (thinkMean > 0 && thinkMax > 0 && thinkMean > thinkMax) {
            problems.add(PREFIX + "think-time.mean: must not exceed " + PREFIX + "think-time.max ("
                    + config.thinkTime().max() + "), was " + config.thinkTime().mean());
        }
        if (thinkMax > 0 && sessionGap > 0 && thinkMax >= sessionGap) {
            problems.add(PREFIX + "think-time.max: must be shorter than " + PREFIX + "session-gap ("
                    + config.sessionGap() + "), or one visit would split into two sessions, was "
                    + config.thinkTime().max());
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new SimulationSettings(seed, startTime, config.rate(), config.maxEvents().orElse(0), initial,
                config.users().registrationsPerHour(), config.users().changesPerHour(), config.anonymousShare(),
                config.botShare(), config.lateFraction(), maxLateness, config.outOfOrderFraction(), outOfOrderMaxDelay,
                sessionGap, thinkMean, thinkMax, config.dailyShape().enabled(), config.dailyShape().zone(),
                config.groundTruth().enabled());
    }

    /** Why a rate is unacceptable, or {@code null}; shared with the HTTP API so both say the same. */
    public static String rateProblem(double rate) {
        if (Double.isNaN(rate) || rate <= 0 || rate > MAX_RATE) {
            return "must be > 0 and <= " + (long) MAX_RATE + " events per second, was " + rate;
        }
        return null;
    }

    private static void fraction(List<String> problems, String key, double value) {
        if (Double.isNaN(value) || value < 0 || value > 1) {
            problems.add(PREFIX + key + ": must be between 0 and 1, was " + value);
        }
    }

    private static void nonNegative(List<String> problems, String key, double value) {
        if (Double.isNaN(value) || value < 0 || Double.isInfinite(value)) {
            problems.add(PREFIX + key + ": must be >= 0, was " + value);
        }
    }

    private static long positiveMillis(List<String> problems, String key, Duration value) {
        if (value.isNegative() || value.isZero() || value.toMillis() == 0) {
            problems.add(PREFIX + key + ": must be at least 1ms, was " + value);
            return 0;
        }
        return value.toMillis();
    }
}
