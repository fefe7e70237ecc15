package dev.eddy.launcher.cli;

/** A wrong command line or setting: reported as one line, exit code 2, never a stack trace. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
