package dev.eddy.generator.config;

import java.util.List;

/** One or more settings are out of range; the message names every offending key. */
public final class InvalidSettingsException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super("invalid generator settings:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
