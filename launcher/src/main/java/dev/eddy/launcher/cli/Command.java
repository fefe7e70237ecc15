package dev.eddy.launcher.cli;

import java.util.List;

/**
 * One {@code ./eddy} subcommand. To add one (say {@code sql}), implement this and list it in
 * {@link dev.eddy.launcher.Commands#standard()}; help and dispatch follow from there.
 */
public interface Command {

    /** What the user types after {@code ./eddy}. */
    String name();

    /** One line for {@code ./eddy help}. */
    String summary();

    /** Options and details for {@code ./eddy help <name>}; may be empty. */
    String details();

    /**
     * Runs the command and returns the process exit code.
     *
     * @throws UsageException for a bad argument or setting (printed as one line, exit code 2)
     */
    int run(CommandContext context, List<String> arguments) throws UsageException;
}
