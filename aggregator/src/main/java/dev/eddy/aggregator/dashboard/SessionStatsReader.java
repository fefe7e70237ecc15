package dev.eddy.aggregator.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.eddy.aggregator.query.BadQueryException;
import dev.eddy.aggregator.query.FanOut;
import dev.eddy.aggregator.query.LocalStores;
import dev.eddy.aggregator.query.SessionStores;
import dev.eddy.aggregator.query.UnavailableException;
import dev.eddy.aggregator.streams.StoreNames;

import java.util.ArrayList;
import java.util.List;

/**
 * Session statistics over every session, open or closed: each instance folds the sessions of its partitions that ended
 * in the range into a {@link SessionLengths}, and the parts are added. The scan is bounded by time (sessions ending at
 * or after {@code from}), never by key.
 */
public final class SessionStatsReader {

    public static final String INTERNAL_PATH = "/api/v1/internal/dashboard/sessions";

    private final SessionStores sessions;
    private final FanOut fanOut;
    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SessionStatsReader(LocalStores local, FanOut fanOut) {
        this.sessions = new SessionStores(local);
        this.fanOut = fanOut;
    }

    /** All partitions, wherever they are; stale copies are accepted and reported. */
    public FanOut.Gathered<SessionLengths> gather(long from, long activeSince) {
        FanOut.Gathered<SessionLengths> parts = fanOut.gather(StoreNames.SESSIONS, true,
                (partitions, stale) -> List.of(local(partitions, from, activeSince, stale)),
                partitions -> INTERNAL_PATH + "?partitions=" + partitions.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + "&from=" + from
                        + "&activeSince=" + activeSince + "&allowStale=true",
                this::parse);
        SessionLengths total = parts.items().stream().reduce(SessionLengths.empty(), SessionLengths::merge);
        return new FanOut.Gathered<>(List.of(total), parts.stale());
    }

    /** This instance's partitions only. */
    public SessionLengths local(List<Integer> partitions, long from, long activeSince, boolean allowStale) {
        SessionLengths result = SessionLengths.empty();
        for (int partition : partitions) {
            for (SessionStores.UserSession found : sessions.endingFrom(partition, allowStale, from)) {
                result = result.plus(found.session().entryTime(), found.session().exitTime(), activeSince);
            }
        }
        return result;
    }

    private List<SessionLengths> parse(String json) {
        try {
            return List.of(mapper.readValue(json, SessionLengths.class));
        } catch (Exception e) {
            throw new UnavailableException("another instance sent unreadable session statistics: " + e.getMessage(),
                    e);
        }
    }

    static long millis(String name, String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new BadQueryException(name + " must be epoch milliseconds, was '" + abbreviate(text) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    static List<Integer> partitions(String text) {
        List<Integer> partitions = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return partitions;
        }
        for (String part : text.split(",")) {
            try {
                partitions.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new BadQueryException("partitions must be a comma-separated list of partition numbers, was '"
                        + abbreviate(text) + "'");
            }
        }
        return partitions;
    }
}
