package dev.eddy.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

/**
 * Finds a port that is already taken before anything starts, so the user reads one line naming the port, what needed
 * it and how to choose another, instead of a broker stack trace in a log file.
 */
public final class PortCheck {

    /** A port that local mode needs, what for, and the flag and variable that move it. */
    public record PortNeed(int port, String purpose, String flag, String environmentVariable) {
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private PortCheck() {
    }

    /** The message for the first port in use, if any. */
    public static Optional<String> firstConflict(String host, List<PortNeed> needs) {
        for (int i = 0; i < needs.size(); i++) {
            PortNeed need = needs.get(i);
            for (int j = 0; j < i; j++) {
                if (needs.get(j).port() == need.port()) {
                    return Optional.of(String.format("Port %d is configured twice: for the %s and for the %s; choose "
                                    + "another with %s or %s.", need.port(), needs.get(j).purpose(), need.purpose(),
                            need.flag(), need.environmentVariable()));
                }
            }
            if (inUse(host, need.port())) {
                return Optional.of(message(host, need));
            }
        }
        return Optional.empty();
    }

    static String message(String host, PortNeed need) {
        return String.format("Port %d on %s (%s) is already in use: stop what uses it (e.g. `lsof -i :%d`) or "
                        + "choose another port with %s or %s.", need.port(), host, need.purpose(), need.port(),
                need.flag(), need.environmentVariable());
    }

    /**
     * A port is in use when something accepts connections on it or it cannot be bound. Both checks are needed: on
     * macOS a specific address binds even when another program listens on the wildcard address.
     */
    public static boolean inUse(String host, int port) {
        return acceptsConnections(host, port) || !bindable(host, port);
    }

    private static boolean acceptsConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean bindable(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
