package dev.eddy.launcher.watchdog;

import java.time.Instant;
import java.util.Optional;

/**
 * A Java agent ({@code -javaagent:eddy-launcher-watchdog.jar=<pid>:<startEpochMillis>}) that every child JVM of the
 * launcher carries: the Kafka broker and the Quarkus services are not ours to change, but any JVM accepts an agent.
 * Once a second it checks that the launcher process still exists; when the launcher has died without stopping its
 * children (kill -9, a crash, a closed laptop lid that killed the terminal), the child shuts itself down with
 * {@link System#exit}, so its own shutdown hooks still run, and halts if they hang.
 *
 * <p>The start instant guards against PID reuse: a new process that got the launcher's PID is not the launcher.
 */
public final class ParentWatchdog implements Runnable {

    /** How long the child's own shutdown may take before it is halted. */
    private static final long SHUTDOWN_GRACE_MILLIS = 30_000;
    private static final long CHECK_INTERVAL_MILLIS = 1_000;
    /** Start instants read at different times may differ by rounding of the OS clock ticks. */
    private static final long START_TOLERANCE_MILLIS = 1_000;

    private final long parentPid;
    private final long parentStartMillis;

    ParentWatchdog(long parentPid, long parentStartMillis) {
        this.parentPid = parentPid;
        this.parentStartMillis = parentStartMillis;
    }

    public static void premain(String arguments) {
        String[] parts = arguments == null ? new String[0] : arguments.split(":");
        if (parts.length != 2) {
            System.err.println("[eddy watchdog] expected <pid>:<startEpochMillis>, got '" + arguments
                    + "'; not watching the launcher");
            return;
        }
        Thread thread = new Thread(new ParentWatchdog(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                "eddy-parent-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** The argument string that makes the agent watch the current process. */
    public static String argumentsForCurrentProcess() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return self.pid() + ":" + start;
    }

    static boolean isAlive(long pid, long expectedStartMillis) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        if (expectedStartMillis == 0) {
            return true;
        }
        return handle.get().info().startInstant()
                .map(start -> Math.abs(start.toEpochMilli() - expectedStartMillis) <= START_TOLERANCE_MILLIS)
                .orElse(true);
    }

    @Override
    public void run() {
        try {
            while (isAlive(parentPid, parentStartMillis)) {
                Thread.sleep(CHECK_INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            return;
        }
        System.err.println("[eddy watchdog] the launcher (pid " + parentPid + ") is gone: shutting down");
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("[eddy watchdog] shutdown took longer than " + SHUTDOWN_GRACE_MILLIS + " ms: halting");
            Runtime.getRuntime().halt(1);
        }, "eddy-parent-watchdog-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }
}
