package dev.eddy.lake.naming;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The Hive-style {@code dt=YYYY-MM-DD/hr=HH} partition of an event time, in UTC. */
public record HourPartition(LocalDate date, int hour) {

    public static HourPartition of(long eventTimeMillis) {
        ZonedDateTime time = Instant.ofEpochMilli(eventTimeMillis).atZone(ZoneOffset.UTC);
        return new HourPartition(time.toLocalDate(), time.getHour());
    }

    /** {@code dt=2026-11-21/hr=07}. */
    public String path() {
        return "dt=" + date + "/hr=" + (hour < 10 ? "0" : "") + hour;
    }
}
