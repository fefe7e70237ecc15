package dev.eddy.launcher.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code server.properties} of the local broker: one KRaft node that is broker and controller at once. */
public final class BrokerConfig {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerConfig() {
    }

    public static Map<String, String> singleNode(BrokerSettings settings) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("listeners", "PLAINTEXT://" + settings.host() + ":" + settings.port() + ","
                + CONTROLLER_LISTENER + "://" + settings.host() + ":" + settings.controllerPort());
        config.put("advertised.listeners", "PLAINTEXT://" + settings.host() + ":" + settings.port());
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        // A static voter set rather than a bootstrap list: the voter's address then comes from this file at every
        // start, so moving the controller to another port (--controller-port) works on data formatted earlier.
        config.put("controller.quorum.voters", NODE_ID + "@" + settings.host() + ":" + settings.controllerPort());
        config.put("log.dirs", settings.dataDir().toString());
        // One node: every internal topic must accept a single replica, or exactly_once_v2 and consumer groups hang
        // waiting for replicas that do not exist.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        // Topics exist because ./eddy up created them with the right partitions and policies; a typo in a service's
        // topic name should fail loudly rather than create a stray topic.
        config.put("auto.create.topics.enable", "false");
        config.put("num.partitions", Integer.toString(settings.defaultPartitions()));
        // A laptop, not a cluster: no 3 s wait for more group members, and a bounded disk footprint.
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("log.retention.hours", Integer.toString(settings.retentionHours()));
        config.put("log.retention.bytes", Long.toString(settings.retentionBytesPerPartition()));
        config.put("log.segment.bytes", Integer.toString(128 * 1024 * 1024));
        return config;
    }
}
