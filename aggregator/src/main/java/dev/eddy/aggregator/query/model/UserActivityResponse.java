package dev.eddy.aggregator.query.model;

import dev.eddy.events.UserActivityWindow;

import java.util.List;

/** Events of one user per window, for windows starting in [from, to]. */
public record UserActivityResponse(int userid, long from, long to, List<UserActivityWindow> windows) {
}
