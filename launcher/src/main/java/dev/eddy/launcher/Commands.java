package dev.eddy.launcher;

import dev.eddy.launcher.cli.Command;
import dev.eddy.launcher.cli.CommandContext;
import dev.eddy.launcher.cli.UsageException;
import dev.eddy.launcher.commands.DownCommand;
import dev.eddy.launcher.commands.HelpCommand;
import dev.eddy.launcher.commands.StatusCommand;
import dev.eddy.launcher.commands.UpCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The subcommands of {@code ./eddy} and the dispatch from the first argument to one of them. */
public final class Commands {

    public static final int USAGE_ERROR = 2;

    private final List<Command> commands;

    public Commands(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** Every command {@code ./eddy} offers; a new subcommand is one more entry here. */
    public static Commands standard() {
        List<Command> list = new ArrayList<>();
        list.add(new UpCommand());
        list.add(new DownCommand());
        list.add(new StatusCommand());
        HelpCommand help = new HelpCommand();
        list.add(help);
        Commands commands = new Commands(list);
        help.describe(commands);
        return commands;
    }

    public List<Command> all() {
        return commands;
    }

    public Optional<Command> find(String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    public int dispatch(CommandContext context, List<String> arguments) {
        String name = arguments.isEmpty() ? "help" : arguments.get(0);
        if (name.equals("-h") || name.equals("--help")) {
            name = "help";
        }
        Optional<Command> command = find(name);
        if (command.isEmpty()) {
            context.err().println("eddy: unknown command '" + name + "'; commands: "
                    + String.join(", ", commands.stream().map(Command::name).toList()) + " (see ./eddy help)");
            return USAGE_ERROR;
        }
        try {
            return command.get().run(context, arguments.subList(1, arguments.size()));
        } catch (UsageException e) {
            context.err().println("eddy " + command.get().name() + ": " + e.getMessage());
            return USAGE_ERROR;
        }
    }
}
