package dev.eddy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Reference data on {@value Topics#STATUS_CODES}, keyed by the code as a decimal string; the same shape as Datagen's
 * {@code clickstream_codes}.
 */
@JsonPropertyOrder({"code", "definition"})
public record StatusCode(
        @JsonProperty(value = "code", required = true) int code,
        @JsonProperty(value = "definition", required = true) String definition) {

    public StatusCode {
        Validation.requireRange(code, 100, 599, "code");
        Validation.requireText(definition, "definition");
    }

    public String key() {
        return Integer.toString(code);
    }
}
