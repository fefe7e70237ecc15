package dev.eddy.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one command: {@code --name value}, {@code --name=value} or a bare {@code --flag}. An option the
 * command does not know is an error, not something to ignore (a typo must not silently fall back to a default).
 */
public final class Options {

    private final Map<String, String> values;
    private final List<String> positional;

    private Options(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    /**
     * @param withValue options that take a value
     * @param flags     options that take none
     */
    public static Options parse(List<String> arguments, Set<String> withValue, Set<String> flags)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                positional.add(argument);
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (flags.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException(name + " takes no value");
                }
                values.put(name, "true");
            } else if (withValue.contains(name)) {
                if (equals >= 0) {
                    values.put(name, argument.substring(equals + 1));
                } else if (i + 1 < arguments.size()) {
                    values.put(name, arguments.get(++i));
                } else {
                    throw new UsageException(name + " needs a value");
                }
            } else {
                throw new UsageException("unknown option " + name + " (see ./eddy help)");
            }
        }
        return new Options(values, List.copyOf(positional));
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public List<String> positional() {
        return positional;
    }
}
