package dev.eddy.launcher.commands;

import dev.eddy.launcher.Commands;
import dev.eddy.launcher.cli.Command;
import dev.eddy.launcher.cli.CommandContext;
import dev.eddy.launcher.cli.UsageException;

import java.util.List;
import java.util.Optional;

/** {@code ./eddy help [command]}: the commands, and a command's options and environment variables. */
public final class HelpCommand implements Command {

    private Commands commands;

    /** Gives help the list it describes (help is itself in that list). */
    public void describe(Commands all) {
        this.commands = all;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "show this help, or a command's options: ./eddy help up";
    }

    @Override
    public String details() {
        return "";
    }

    @Override
    public int run(CommandContext context, List<String> arguments) throws UsageException {
        if (!arguments.isEmpty()) {
            Optional<Command> command = commands.find(arguments.get(0));
            if (command.isEmpty()) {
                throw new UsageException("no command '" + arguments.get(0) + "'");
            }
            context.out().println("./eddy " + command.get().name() + " - " + command.get().summary());
            if (!command.get().details().isEmpty()) {
                context.out().println();
                context.out().println(command.get().details());
            }
            return 0;
        }
        context.out().println("""
                Eddy local mode: a real Kafka broker and every built Eddy service on this machine, no Docker.
                Needs only a JDK 17 or newer; builds with ./mvnw when something is missing.

                Usage: ./eddy <command> [options]
                """);
        for (Command command : commands.all()) {
            context.out().printf("  %-8s %s%n", command.name(), command.summary());
        }
        context.out().println();
        for (Command command : commands.all()) {
            if (!command.details().isEmpty()) {
                context.out().println("./eddy " + command.name() + ":");
                context.out().println(command.details());
                context.out().println();
            }
        }
        context.out().println("""
                Environment for every command:
                  EDDY_HOME       the data folder (default: .eddy at the repository root)
                  JAVA_HOME       the JDK to use (default: java on PATH); 17 or newer
                Services also read their own settings from the environment (Quarkus maps EDDY_GENERATOR_RATE
                to eddy.generator.rate), so `EDDY_GENERATOR_RATE=5000 ./eddy up` configures the generator.
                More: docs/local-mode.md""");
        return 0;
    }
}
