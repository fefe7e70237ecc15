package dev.eddy.launcher.process;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops one process: SIGTERM so it shuts down cleanly, SIGKILL if it has not exited after the grace period. */
public final class ProcessStopper {

    public enum Outcome { ALREADY_GONE, STOPPED, KILLED }

    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private ProcessStopper() {
    }

    public static Outcome stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return Outcome.ALREADY_GONE;
        }
        process.destroy();
        if (awaitExit(process, grace)) {
            return Outcome.STOPPED;
        }
        process.destroyForcibly();
        if (!awaitExit(process, AFTER_KILL)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for " + AFTER_KILL);
        }
        return Outcome.KILLED;
    }

    /** Sends SIGTERM without waiting; pair with {@link #awaitOrKill} to stop several processes in parallel. */
    public static void requestStop(ProcessHandle process) {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    public static Outcome awaitOrKill(ProcessHandle process, Duration grace) {
        if (awaitExit(process, grace)) {
            return Outcome.STOPPED;
        }
        process.destroyForcibly();
        if (!awaitExit(process, AFTER_KILL)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for " + AFTER_KILL);
        }
        return Outcome.KILLED;
    }

    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
