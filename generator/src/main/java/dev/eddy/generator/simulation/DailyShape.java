package dev.eddy.generator.simulation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How traffic varies over a day: quiet nights, a morning rise, an evening peak. The factors average 1.0, so over a full
 * day the configured rate is met on average.
 */
final class DailyShape {

    private static final double[] RAW = {0.35, 0.25, 0.20, 0.20, 0.25, 0.35, 0.55, 0.80, 1.00, 1.10, 1.15, 1.20, 1.25,
            1.20, 1.15, 1.15, 1.20, 1.30, 1.45, 1.55, 1.50, 1.30, 0.95, 0.60};
    private static final double[] FACTORS = normalised();

    private final boolean enabled;
    private final ZoneId zone;

    DailyShape(boolean enabled, ZoneId zone) {
        this.enabled = enabled;
        this.zone = zone;
    }

    /** Multiplier of the target rate at {@code epochMillis}. */
    double factorAt(long epochMillis) {
        if (!enabled) {
            return 1.0;
        }
        return FACTORS[hourOfDay(epochMillis)];
    }

    static double factorForHour(int hour) {
        return FACTORS[hour];
    }

    private int hourOfDay(long epochMillis) {
        if (zone.equals(ZoneOffset.UTC)) {
            return (int) (Math.floorMod(epochMillis, 86_400_000L) / 3_600_000L);
        }
        return Instant.ofEpochMilli(epochMillis).atZone(zone).getHour();
    }

    private static double[] normalised() {
        double sum = 0;
        for (double v : RAW) {
            sum += v;
        }
        double[] result = new double[RAW.length];
        for (int i = 0; i < RAW.length; i++) {
            result[i] = RAW[i] * RAW.length / sum;
        }
        return result;
    }
}
