package dev.eddy.launcher.broker;

import java.util.List;

/** The broker did not come up; carries the end of its log so the user sees why without opening the file. */
public final class BrokerStartException extends RuntimeException {

    private final List<String> logTail;

    public BrokerStartException(String message, List<String> logTail) {
        super(message);
        this.logTail = List.copyOf(logTail);
    }

    public List<String> logTail() {
        return logTail;
    }
}
