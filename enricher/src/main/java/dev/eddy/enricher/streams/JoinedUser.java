package dev.eddy.enricher.streams;

import dev.eddy.events.User;

/**
 * A version of a user that a click is joined with, and whether all of its texts are plain ({@link PlainJson}): then
 * the enriched click's encoder copies them as they are instead of looking at each character. Checked once per version,
 * when it is cached ({@link LatestUsers}), not at each of the many clicks that are joined with it.
 */
record JoinedUser(User user, boolean plainText) {

    /** The version, its texts checked; {@code null} for none. */
    static JoinedUser of(User user) {
        if (user == null) {
            return null;
        }
        return new JoinedUser(user, PlainJson.isPlainText(user.username()) && PlainJson.isPlainText(user.firstName())
                && PlainJson.isPlainText(user.lastName()) && PlainJson.isPlainText(user.city())
                && PlainJson.isPlainText(user.level()));
    }
}
