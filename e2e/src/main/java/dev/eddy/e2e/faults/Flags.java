package dev.eddy.e2e.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs of the command-line tools; an unknown flag or a missing value stops with a message. */
public final class Flags {

    private Flags() {
    }

    public static Map<String, String> parse(String[] args, List<String> known) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; known: " + known);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            flags.put(args[i], args[++i]);
        }
        return flags;
    }
}
