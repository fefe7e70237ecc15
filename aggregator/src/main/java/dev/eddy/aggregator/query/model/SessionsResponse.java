package dev.eddy.aggregator.query.model;

import dev.eddy.events.SessionSummary;

import java.util.List;

/**
 * Sessions of one user that overlap [from, to] (end >= from and start <= to), oldest first. A session still open (its
 * user clicked less than the inactivity gap ago in stream time) is included as it stands so far.
 */
public record SessionsResponse(int userid, long from, long to, List<SessionSummary> sessions) {
}
