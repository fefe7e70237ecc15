package dev.eddy.generator.simulation;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Everything that shapes the simulated clickstream. Two simulations built from equal settings emit the same records,
 * byte for byte. Times and durations are epoch milliseconds and milliseconds; rates are per simulated second or hour.
 * The settings are checked by {@code dev.eddy.generator.config.SettingsMapper}, which names the configuration key of a
 * bad value; the checks here only guard the invariants the simulation relies on.
 */
public record SimulationSettings(
        long seed,
        long startTime,
        double eventsPerSecond,
        long maxEvents,
        int initialUsers,
        double registrationsPerHour,
        double userChangesPerHour,
        double anonymousShare,
        double botShare,
        double lateFraction,
        long maxLatenessMillis,
        double outOfOrderFraction,
        long outOfOrderMaxDelayMillis,
        long sessionGapMillis,
        long thinkTimeMeanMillis,
        long thinkTimeMaxMillis,
        boolean dailyShape,
        ZoneId dailyShapeZone,
        boolean groundTruth) {

    /** {@code maxEvents} value meaning "run until stopped". */
    public static final long UNBOUNDED = 0;

    public SimulationSettings {
        // "UTC" and "Z" are the same zone: compare and compute with the fixed offset.
        dailyShapeZone = Objects.requireNonNull(dailyShapeZone, "dailyShapeZone").normalized();
        require(eventsPerSecond > 0 && Double.isFinite(eventsPerSecond), "eventsPerSecond must be > 0");
        require(maxEvents >= 0, "maxEvents must be >= 0");
        require(initialUsers >= 0, "initialUsers must be >= 0");
        require(registrationsPerHour >= 0 && userChangesPerHour >= 0, "user rates must be >= 0");
        require(anonymousShare >= 0 && botShare >= 0 && anonymousShare + botShare <= 1, "shares must add up to <= 1");
        require(lateFraction >= 0 && outOfOrderFraction >= 0 && lateFraction + outOfOrderFraction <= 1,
                "delivery fractions must add up to <= 1");
        require(outOfOrderMaxDelayMillis >= 1 && maxLatenessMillis > outOfOrderMaxDelayMillis,
                "0 < outOfOrderMaxDelay < maxLateness");
        require(thinkTimeMeanMillis >= 1 && thinkTimeMeanMillis <= thinkTimeMaxMillis, "0 < thinkTimeMean <= thinkTimeMax");
        require(thinkTimeMaxMillis < sessionGapMillis, "thinkTimeMax < sessionGap");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public boolean bounded() {
        return maxEvents != UNBOUNDED;
    }

    /** The default behaviour (as documented in docs/generator.md) starting at {@code startTime}. */
    public static Builder defaults(long seed, long startTime) {
        return new Builder(seed, startTime);
    }

    public Builder toBuilder() {
        Builder b = new Builder(seed, startTime);
        b.eventsPerSecond = eventsPerSecond;
        b.maxEvents = maxEvents;
        b.initialUsers = initialUsers;
        b.registrationsPerHour = registrationsPerHour;
        b.userChangesPerHour = userChangesPerHour;
        b.anonymousShare = anonymousShare;
        b.botShare = botShare;
        b.lateFraction = lateFraction;
        b.maxLatenessMillis = maxLatenessMillis;
        b.outOfOrderFraction = outOfOrderFraction;
        b.outOfOrderMaxDelayMillis = outOfOrderMaxDelayMillis;
        b.sessionGapMillis = sessionGapMillis;
        b.thinkTimeMeanMillis = thinkTimeMeanMillis;
        b.thinkTimeMaxMillis = thinkTimeMaxMillis;
        b.dailyShape = dailyShape;
        b.dailyShapeZone = dailyShapeZone;
        b.groundTruth = groundTruth;
        return b;
    }

    /** Fluent construction, mostly for tests and benchmarks; defaults equal the service's configuration defaults. */
    public static final class Builder {
        private final long seed;
        private final long startTime;
        private double eventsPerSecond = 200;
        private long maxEvents = UNBOUNDED;
        private int initialUsers = 1000;
        private double registrationsPerHour = 120;
        private double userChangesPerHour = 60;
        private double anonymousShare = 0.15;
        private double botShare = 0.05;
        private double lateFraction = 0.01;
        private long maxLatenessMillis = 60_000;
        private double outOfOrderFraction = 0.05;
        private long outOfOrderMaxDelayMillis = 2_000;
        private long sessionGapMillis = 30 * 60_000;
        private long thinkTimeMeanMillis = 20_000;
        private long thinkTimeMaxMillis = 10 * 60_000;
        private boolean dailyShape = false;
        private ZoneId dailyShapeZone = ZoneOffset.UTC;
        private boolean groundTruth = true;

        private Builder(long seed, long startTime) {
            this.seed = seed;
            this.startTime = startTime;
        }

        public Builder eventsPerSecond(double value) { this.eventsPerSecond = value; return this; }
        public Builder maxEvents(long value) { this.maxEvents = value; return this; }
        public Builder initialUsers(int value) { this.initialUsers = value; return this; }
        public Builder registrationsPerHour(double value) { this.registrationsPerHour = value; return this; }
        public Builder userChangesPerHour(double value) { this.userChangesPerHour = value; return this; }
        public Builder anonymousShare(double value) { this.anonymousShare = value; return this; }
        public Builder botShare(double value) { this.botShare = value; return this; }
        public Builder lateFraction(double value) { this.lateFraction = value; return this; }
        public Builder maxLatenessMillis(long value) { this.maxLatenessMillis = value; return this; }
        public Builder outOfOrderFraction(double value) { this.outOfOrderFraction = value; return this; }
        public Builder outOfOrderMaxDelayMillis(long value) { this.outOfOrderMaxDelayMillis = value; return this; }
        public Builder sessionGapMillis(long value) { this.sessionGapMillis = value; return this; }
        public Builder thinkTimeMeanMillis(long value) { this.thinkTimeMeanMillis = value; return this; }
        public Builder thinkTimeMaxMillis(long value) { this.thinkTimeMaxMillis = value; return this; }
        public Builder dailyShape(boolean value) { this.dailyShape = value; return this; }
        public Builder dailyShapeZone(ZoneId value) { this.dailyShapeZone = value; return this; }
        public Builder groundTruth(boolean value) { this.groundTruth = value; return this; }

        public SimulationSettings build() {
            return new SimulationSettings(seed, startTime, eventsPerSecond, maxEvents, initialUsers,
                    registrationsPerHour, userChangesPerHour, anonymousShare, botShare, lateFraction,
                    maxLatenessMillis, outOfOrderFraction, outOfOrderMaxDelayMillis, sessionGapMillis,
                    thinkTimeMeanMillis, thinkTimeMaxMillis, dailyShape, dailyShapeZone, groundTruth);
        }
    }
}
