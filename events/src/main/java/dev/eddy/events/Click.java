package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One click on topic {@value Topics#CLICKS}, keyed by user id.
 *
 * <p>Field names and meanings follow Confluent Datagen's {@code clickstream} quickstart, so records written by a real
 * Datagen connector decode as they are: {@code status} and {@code bytes} are accepted as JSON numbers or as the
 * numeric strings Datagen writes. {@code _time} is the event time in epoch milliseconds; windows and time-correct
 * joins use it. Eddy adds two optional fields: {@code session_id}, which the generator knows but the pipeline never
 * reads (it must discover sessions itself), and {@code event_id}, unique per generated event, so tests can show that
 * each event arrives exactly once.
 */
@JsonPropertyOrder({"ip", "userid", "remote_user", "time", "_time", "request", "status", "bytes", "referrer", "agent",
        "session_id", "event_id"})
public record Click(
        @JsonProperty("ip") String ip,
        @JsonProperty(value = "userid", required = true) int userId,
        @JsonProperty("remote_user") String remoteUser,
        @JsonProperty("time") String time,
        @JsonProperty(value = "_time", required = true) long eventTime,
        @JsonProperty(value = "request", required = true) String request,
        @JsonProperty(value = "status", required = true) int status,
        @JsonProperty(value = "bytes", required = true) long bytes,
        @JsonProperty("referrer") String referrer,
        @JsonProperty("agent") String agent,
        @JsonProperty("session_id") @JsonInclude(JsonInclude.Include.NON_NULL) String sessionId,
        @JsonProperty("event_id") @JsonInclude(JsonInclude.Include.NON_NULL) String eventId) {

    /** Datagen's user id for a click that belongs to no known user. */
    public static final int ANONYMOUS_USER_ID = -1;

    public Click {
        Validation.requirePositive(eventTime, "_time");
        Validation.requireText(request, "request");
        Validation.requireRange(status, 100, 599, "status");
        Validation.requireNonNegative(bytes, "bytes");
        if (userId < ANONYMOUS_USER_ID) {
            throw new EventFormatException(EventFormatException.Kind.INVALID_VALUE, "userid",
                    "must be -1 (anonymous) or a user id >= 0, was " + userId);
        }
    }

    /**
     * Derived from {@code userid}, not a field of the contract: without {@code @JsonIgnore} Jackson writes it as an
     * extra {@code "anonymous"} property, which Datagen's records do not have and which sent every generated click
     * past the enricher's fast reader.
     */
    @JsonIgnore
    public boolean isAnonymous() {
        return userId == ANONYMOUS_USER_ID;
    }

    /** The record key this click is published under: the user id as a decimal string. */
    public String key() {
        return Integer.toString(userId);
    }
}
