package dev.eddy.lake.naming;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The Hive-style {@code dt=YYYY-MM-DD/hr=HH} partition of an event time, in UTC. */
public record HourPartition(LocalDate date, int hour) {

    private static final long MILLIS_PER_HOUR = 3_600_000L;

    public static HourPartition of(long eventTimeMillis) {
        ZonedDateTime time = Instant.ofEpochMilli(eventTimeMillis).atZone(ZoneOffset.UTC);
        return new HourPartition(time.toLocalDate(), time.getHour());
    }

    /** True when {@code eventTimeMillis} falls in this hour; arithmetic only, as it is asked once per record. */
    public boolean contains(long eventTimeMillis) {
        return Math.floorDiv(eventTimeMillis, MILLIS_PER_HOUR) == date.toEpochDay() * 24 + hour;
    }

    /** {@code dt=2026-11-21/hr=07}. */
    public String path() {
        return "dt=" + date + "/hr=" + (hour < 10 ? "0" : "") + hour;
    }
}
