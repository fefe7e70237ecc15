package dev.eddy.e2e.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls a condition with a deadline: the only way the e2e code waits for anything. */
public final class Polling {

    public static final Duration INTERVAL = Duration.ofMillis(500);

    private Polling() {
    }

    /**
     * Calls {@code attempt} until it returns an empty problem (null), or fails after {@code timeout} with the last
     * problem it reported, so a failure says what was still wrong.
     */
    public static void until(String what, Duration timeout, Supplier<String> attempt) {
        Instant deadline = Instant.now().plus(timeout);
        String problem = null;
        while (true) {
            try {
                problem = attempt.get();
            } catch (RuntimeException e) {
                problem = e.toString();
            }
            if (problem == null) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not reached within " + timeout.toSeconds() + " s: " + problem);
            }
            pause();
        }
    }

    /** The interval between two polls (not a synchronisation: the caller re-checks its condition after it). */
    static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
