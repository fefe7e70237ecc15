package dev.eddy.launcher.process;

import dev.eddy.launcher.watchdog.ParentWatchdog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One child JVM of the launcher: started in its own session with the parent watchdog, its output appended to its log
 * file, its PID recorded in {@code .eddy/pids}, stopped with SIGTERM then SIGKILL.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final PidRegistry registry;
    private final long logStart;

    private ChildProcess(String name, Process process, Path log, PidRegistry registry, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.registry = registry;
        this.logStart = logStart;
    }

    /**
     * Starts {@code command}; {@code port} is what the process serves (recorded for {@code ./eddy status}, 0 for
     * none).
     */
    public static ChildProcess start(String name, JvmCommand command, Path workingDir, Path log,
                                     PidRegistry registry, int port, Map<String, String> environment) {
        List<String> line = new ArrayList<>(ProcessSession.prefix());
        line.addAll(command.toCommandLine(ParentWatchdog.argumentsForCurrentProcess()));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "==== " + Instant.now() + " ./eddy starts " + name + ": "
                            + String.join(" ", line) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(line)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(environment);
            long logStart = Files.size(log);
            Process process = builder.start();
            registry.record(PidFile.of(name, process.toHandle(), port));
            return new ChildProcess(name, process, log, registry, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Sends SIGTERM and returns at once; {@link #awaitStopped} finishes the job. */
    public void requestStop() {
        ProcessStopper.requestStop(process.toHandle());
    }

    /** Waits for the exit after {@link #requestStop}, kills after {@code grace}, and forgets the pid file. */
    public ProcessStopper.Outcome awaitStopped(Duration grace) {
        try {
            return ProcessStopper.awaitOrKill(process.toHandle(), grace);
        } finally {
            registry.forget(name);
        }
    }

    public ProcessStopper.Outcome stop(Duration grace) {
        if (!process.isAlive()) {
            registry.forget(name);
            return ProcessStopper.Outcome.ALREADY_GONE;
        }
        requestStop();
        return awaitStopped(grace);
    }

    /** The last lines of the log, to show why a process died without sending the user to the file. */
    public List<String> tailOfLog(int lines) {
        return LogTail.last(log, lines);
    }

    /**
     * Why it failed, as briefly as the log allows: the first ERROR lines this run wrote (a failed start logs its cause
     * first and then many lines of orderly shutdown), else the last lines.
     */
    public List<String> failureLines(int max) {
        List<String> errors = LogTail.errorsSince(log, logStart, max);
        return errors.isEmpty() ? tailOfLog(max) : errors;
    }
}
