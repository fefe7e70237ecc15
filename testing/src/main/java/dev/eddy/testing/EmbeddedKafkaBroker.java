package dev.eddy.testing;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller node) running inside the test JVM on
 * 127.0.0.1 with free ports, its storage in a temporary folder removed on {@link #close()}. Starts in about 2–3 s.
 *
 * <p>Single-node settings make {@code exactly_once_v2} work: internal topics (offsets, transaction state) have
 * replication factor 1 and min ISR 1; without them a transactional producer waits forever for replicas that do not
 * exist.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(Path dataDir, int brokerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /** Starts a broker with the default single-node settings. */
    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /**
     * Starts a broker; {@code overrides} are broker settings that replace the defaults (for instance
     * {@code auto.create.topics.enable}).
     */
    public static EmbeddedKafkaBroker start(Map<String, String> overrides) {
        Path dataDir = TempDirs.create("eddy-kafka-");
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Map<String, String> settings = singleNodeSettings(dataDir, brokerPort, controllerPort);
            settings.putAll(overrides);
            KafkaConfig config = new KafkaConfig(settings, false);
            format(dataDir, config);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(dataDir, brokerPort, server);
        } catch (RuntimeException | Error e) {
            TempDirs.delete(dataDir);
            throw e;
        }
    }

    static Map<String, String> singleNodeSettings(Path dataDir, int brokerPort, int controllerPort) {
        Map<String, String> settings = new HashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(NODE_ID));
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        settings.put("log.dirs", dataDir.toString());
        // One node: every internal topic must accept a single replica, or exactly_once_v2 hangs.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "5");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "5");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        // Tests should not wait 3 s for a consumer group to settle.
        settings.put("group.initial.rebalance.delay.ms", "0");
        // Like a production cluster: topics exist because something created them on purpose (tests, ./eddy up, the
        // chart's KafkaTopic resources). Kafka Streams creates its own internal topics through the admin API.
        settings.put("auto.create.topics.enable", "false");
        settings.put("num.partitions", "1");
        // Small segments and fast log cleaning keep compacted-topic tests quick and the temp folder small.
        settings.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return settings;
    }

    private static void format(Path dataDir, KafkaConfig config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dataDir.toString())
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + output, e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }
}
