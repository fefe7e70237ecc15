package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A click on {@value Topics#ENRICHED}, keyed by user id: every field of the {@link Click}, the user as they were at the
 * click's event time (all null when the user is unknown or the click is anonymous), and derived fields. Flat on
 * purpose: it is also the row of the lake's {@code clickstream_enriched} table.
 */
@JsonPropertyOrder({"event_id", "session_id", "ip", "userid", "remote_user", "time", "_time", "request", "method",
        "page", "status", "status_text", "is_error", "bytes", "referrer", "agent", "is_bot", "user_known", "username",
        "first_name", "last_name", "city", "level", "registered_at"})
public record EnrichedClick(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("ip") String ip,
        @JsonProperty(value = "userid", required = true) int userId,
        @JsonProperty("remote_user") String remoteUser,
        @JsonProperty("time") String time,
        @JsonProperty(value = "_time", required = true) long eventTime,
        @JsonProperty(value = "request", required = true) String request,
        @JsonProperty("method") String method,
        @JsonProperty(value = "page", required = true) String page,
        @JsonProperty(value = "status", required = true) int status,
        @JsonProperty("status_text") String statusText,
        @JsonProperty(value = "is_error", required = true) boolean error,
        @JsonProperty(value = "bytes", required = true) long bytes,
        @JsonProperty("referrer") String referrer,
        @JsonProperty("agent") String agent,
        @JsonProperty(value = "is_bot", required = true) boolean bot,
        @JsonProperty(value = "user_known", required = true) boolean userKnown,
        @JsonProperty("username") String username,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("city") String city,
        @JsonProperty("level") String level,
        @JsonProperty("registered_at") Long registeredAt) {

    public EnrichedClick {
        Validation.requirePositive(eventTime, "_time");
        Validation.requireText(request, "request");
        Validation.requireText(page, "page");
        Validation.requireRange(status, 100, 599, "status");
    }

    public String key() {
        return Integer.toString(userId);
    }
}
