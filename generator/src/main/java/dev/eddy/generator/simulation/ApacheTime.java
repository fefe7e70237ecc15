package dev.eddy.generator.simulation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats event times the way Datagen's {@code time} field does ({@code dd/MMM/yyyy:HH:mm:ss Z}, Apache access log
 * style), in UTC. Consecutive clicks mostly fall in the same second, so the last result is reused.
 */
final class ApacheTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private long cachedSecond = Long.MIN_VALUE;
    private String cachedText;

    String format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            cachedText = FORMAT.format(Instant.ofEpochSecond(second));
            cachedSecond = second;
        }
        return cachedText;
    }
}
