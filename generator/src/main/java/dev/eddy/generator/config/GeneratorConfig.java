package dev.eddy.generator.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every setting of the generator, under {@code eddy.generator}. An unknown key under this prefix fails the start
 * (SmallRye Config's mapping check), and {@link SettingsMapper} rejects out-of-range values naming the key. Durations
 * accept {@code 30m}, {@code 2s}, {@code 500ms} or ISO-8601 ({@code PT30M}). docs/generator.md explains each one.
 */
@ConfigMapping(prefix = "eddy.generator")
public interface GeneratorConfig {

    /** Start producing as soon as the service is up (and the topics exist). */
    @WithDefault("true")
    boolean autostart();

    /** Seed of the simulation; absent = a random seed, logged and shown in the status so the run can be repeated. */
    OptionalLong seed();

    /** Target clicks per (simulated) second. */
    @WithDefault("200")
    double rate();

    /** real-time: send each record when the wall clock reaches its time; as-fast-as-possible: no waiting. */
    @WithDefault("real-time")
    Pacing pacing();

    /** Simulated time of the first event (ISO-8601 instant); absent = the moment the service starts. */
    Optional<Instant> startTime();

    /** Stop after this many clicks, flush the ground truth and report done; absent = run until stopped. */
    OptionalLong maxEvents();

    Users users();

    /** Share of clicks made by anonymous human visitors (user id -1). */
    @WithDefault("0.15")
    double anonymousShare();

    /** Share of clicks made by crawlers (user id -1, Googlebot or bingbot agent). */
    @WithDefault("0.05")
    double botShare();

    /** Fraction of clicks held back by more than the out-of-order delay, up to max-lateness. */
    @WithDefault("0.01")
    double lateFraction();

    /** Longest delay between a click's event time and its emission. */
    @WithDefault("60s")
    @WithConverter(DurationConverter.class)
    Duration maxLateness();

    /** Fraction of clicks emitted a little after later clicks. */
    @WithDefault("0.05")
    double outOfOrderFraction();

    /** Longest delay of an out-of-order click. */
    @WithDefault("2s")
    @WithConverter(DurationConverter.class)
    Duration outOfOrderMaxDelay();

    /** Inactivity that ends a session; a user's next session starts more than this after their last click. */
    @WithDefault("30m")
    @WithConverter(DurationConverter.class)
    Duration sessionGap();

    ThinkTime thinkTime();

    DailyShape dailyShape();

    GroundTruth groundTruth();

    interface Users {
        /** Users registered before the start, published first. */
        @WithDefault("1000")
        int initial();

        /** New sign-ups per simulated hour (more register on demand when every user is busy or resting). */
        @WithDefault("120")
        double registrationsPerHour();

        /** Level upgrades and city moves per simulated hour. */
        @WithDefault("60")
        double changesPerHour();
    }

    interface ThinkTime {
        /** Mean time between two pages of a human visit. */
        @WithDefault("20s")
        @WithConverter(DurationConverter.class)
        Duration mean();

        /** Longest think time; must stay below session-gap, so a visit never breaks into two sessions. */
        @WithDefault("10m")
        @WithConverter(DurationConverter.class)
        Duration max();
    }

    interface DailyShape {
        /** Vary the rate by hour of day (quiet nights, evening peak; the daily mean equals the rate). */
        @WithDefault("false")
        boolean enabled();

        /** Time zone whose hours the shape follows. */
        @WithDefault("UTC")
        ZoneId zone();
    }

    interface GroundTruth {
        /** Publish page views per minute and session summaries of what was emitted. */
        @WithDefault("true")
        boolean enabled();
    }

    enum Pacing {
        REAL_TIME, AS_FAST_AS_POSSIBLE
    }
}
