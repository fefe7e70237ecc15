package dev.eddy.launcher.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Admin clients with short timeouts: the launcher talks to a broker on the same machine and must not hang. */
public final class KafkaAdmins {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private KafkaAdmins() {
    }

    public static Admin create(String bootstrapServers, Duration timeout) {
        int millis = (int) timeout.toMillis();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "eddy-launcher",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 2_000),
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(millis, 2_000)));
    }

    /**
     * Closes without waiting for requests in flight: {@link Admin#close()} waits without bound, which hangs when the
     * broker is gone or something else accepts connections on its port.
     */
    public static void close(Admin admin) {
        admin.close(CLOSE_TIMEOUT);
    }

    /** An admin client for try-with-resources that closes with {@link #close(Admin)}, never waiting without bound. */
    public record Session(Admin admin) implements AutoCloseable {
        @Override
        public void close() {
            KafkaAdmins.close(admin);
        }
    }

    public static Session open(String bootstrapServers, Duration timeout) {
        return new Session(create(bootstrapServers, timeout));
    }

    /** Whether a broker answers at {@code bootstrapServers} within {@code timeout}. */
    public static boolean reachable(String bootstrapServers, Duration timeout) {
        Admin admin = create(bootstrapServers, timeout);
        try {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        } finally {
            close(admin);
        }
    }
}
