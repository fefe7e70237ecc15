package dev.eddy.aggregator.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON body of every error response: {@code {"error": "bad_request", "message": "..."}}. */
public record ErrorBody(@JsonProperty("error") String error, @JsonProperty("message") String message) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static ErrorBody badRequest(String message) {
        return new ErrorBody("bad_request", message);
    }

    public static ErrorBody unavailable(String message) {
        return new ErrorBody("unavailable", message);
    }

    static String messageOf(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (Exception e) {
            // not JSON: fall through to the raw text
        }
        return body == null ? "" : QueryParams.abbreviate(body);
    }
}
