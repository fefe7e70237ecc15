package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One version of a user on the compacted topic {@value Topics#USERS}, keyed by user id. Field names follow Datagen's
 * {@code clickstream_users} quickstart. A new record with the same key is a change (a level upgrade, a city move);
 * its Kafka timestamp is when the change happened, which is what time-correct joins use.
 */
@JsonPropertyOrder({"user_id", "username", "registered_at", "first_name", "last_name", "city", "level"})
public record User(
        @JsonProperty(value = "user_id", required = true) int userId,
        @JsonProperty(value = "username", required = true) String username,
        @JsonProperty(value = "registered_at", required = true) long registeredAt,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("city") String city,
        @JsonProperty("level") String level) {

    public User {
        if (userId < 0) {
            throw new EventFormatException(EventFormatException.Kind.INVALID_VALUE, "user_id",
                    "must be >= 0, was " + userId);
        }
        Validation.requireText(username, "username");
        Validation.requireNonNegative(registeredAt, "registered_at");
    }

    public String key() {
        return Integer.toString(userId);
    }

    public User withLevel(String newLevel) {
        return new User(userId, username, registeredAt, firstName, lastName, city, newLevel);
    }

    public User withCity(String newCity) {
        return new User(userId, username, registeredAt, firstName, lastName, newCity, level);
    }
}
