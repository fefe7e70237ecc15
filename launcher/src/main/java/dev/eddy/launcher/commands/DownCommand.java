package dev.eddy.launcher.commands;

import dev.eddy.launcher.cli.Command;
import dev.eddy.launcher.cli.CommandContext;
import dev.eddy.launcher.cli.Options;
import dev.eddy.launcher.cli.UsageException;
import dev.eddy.launcher.process.PidFile;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.process.ProcessStopper;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./eddy down}: asks the running launcher to stop (SIGTERM, as Ctrl-C would), which stops its services and
 * then the broker in order; then stops anything a hard-killed launcher left behind.
 */
public final class DownCommand implements Command {

    /** Enough for the launcher to stop four services (30 s each, in parallel) and the broker (60 s). */
    private static final Duration LAUNCHER_GRACE = Duration.ofSeconds(120);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "down";
    }

    @Override
    public String summary() {
        return "stop a running ./eddy up (from another terminal); data is kept";
    }

    @Override
    public String details() {
        return "  Stops the services first, then the broker; SIGKILL after a grace period. Also stops processes\n"
                + "  left over by a launcher that was killed hard. Exit code 0 when nothing runs afterwards.";
    }

    @Override
    public int run(CommandContext context, List<String> arguments) throws UsageException {
        Options.parse(arguments, Set.of(), Set.of());
        PidRegistry registry = new PidRegistry(context.home().pids());
        Optional<PidFile> launcher = registry.runningLauncher();
        boolean stoppedSomething = false;
        if (launcher.isPresent()) {
            context.out().println("Stopping Eddy (launcher pid " + launcher.get().pid() + ")...");
            ProcessHandle handle = launcher.get().liveProcess().orElseThrow();
            ProcessStopper.Outcome outcome = ProcessStopper.stop(handle, LAUNCHER_GRACE);
            if (outcome == ProcessStopper.Outcome.KILLED) {
                context.out().println("The launcher did not stop within " + LAUNCHER_GRACE.toSeconds()
                        + " s and was killed.");
            }
            stoppedSomething = true;
        }
        List<String> leftovers = registry.stopLeftovers(LEFTOVER_GRACE);
        if (!leftovers.isEmpty()) {
            context.out().println("Stopped " + String.join(", ", leftovers) + ".");
            stoppedSomething = true;
        }
        registry.forget(PidRegistry.LAUNCHER);
        context.out().println(stoppedSomething ? "Eddy stopped. Data kept in " + context.home().root()
                + " (./eddy up resumes)." : "Eddy is not running.");
        return 0;
    }
}
