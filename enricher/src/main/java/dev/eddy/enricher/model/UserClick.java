package dev.eddy.enricher.model;

import dev.eddy.events.Click;
import dev.eddy.events.User;

/**
 * A click after the user join: the user as they were at the click's event time, or {@code null} when the click is
 * anonymous, the user is unknown, or the click is older than the user history the enricher keeps.
 */
public record UserClick(Click click, User user) {

    public static UserClick withoutUser(Click click) {
        return new UserClick(click, null);
    }

    public boolean userKnown() {
        return user != null;
    }
}
