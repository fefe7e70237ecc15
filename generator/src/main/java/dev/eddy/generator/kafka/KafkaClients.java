package dev.eddy.generator.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds the generator's Kafka clients from every {@code kafka.*} property (bootstrap servers, SASL/SCRAM, TLS, ...),
 * which Quarkus collects as the {@code default-kafka-broker} configuration. Nothing about security is fixed here: a
 * cluster that needs {@code kafka.security.protocol=SASL_SSL} and friends gets them from configuration.
 */
@ApplicationScoped
public class KafkaClients {

    /** Producer defaults for a fast, loss-free stream; any of them can be overridden with a {@code kafka.*} property. */
    static final Map<String, Object> PRODUCER_DEFAULTS = Map.of(
            // No record is lost or duplicated: acks from all in-sync replicas, idempotent sends, and transactions
            // (TransactionalSender) that are aborted and sent again whole when anything fails.
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            // A batch the broker does not take within this time fails its transaction, which is then replayed; an
            // unlimited timeout would let a batch retry forever after a broker crash (out-of-order sequence).
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 45_000,
            // A generator that dies with a transaction open holds read-committed readers back until the transaction
            // times out (unless a successor with the same transactional.id aborts it at once): keep that short.
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000,
            // Bigger batches, a short wait to fill them, and cheap compression: JSON clicks shrink ~4x with snappy at
            // little CPU cost (lz4 would need an extra jar under the Quarkus BOM, zstd costs more CPU per record).
            ProducerConfig.LINGER_MS_CONFIG, 10,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy",
            ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
            ProducerConfig.CLIENT_ID_CONFIG, "eddy-generator",
            // A missing topic or an unreachable broker should surface in seconds, not block a send for a minute.
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);

    private final Map<String, Object> kafkaConfig;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
    }

    public KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(producerSettings(), new StringSerializer(), new ByteArraySerializer());
    }

    public Admin admin() {
        Map<String, Object> settings = known(kafkaConfig, AdminClientConfig.configNames());
        settings.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "eddy-generator-admin");
        settings.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        settings.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return Admin.create(settings);
    }

    Map<String, Object> producerSettings() {
        Map<String, Object> settings = new HashMap<>(PRODUCER_DEFAULTS);
        settings.putAll(known(kafkaConfig, ProducerConfig.configNames()));
        settings.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, defaultTransactionalId(System.getenv("HOSTNAME")));
        return settings;
    }

    /**
     * One transactional id per host (a pod name on Kubernetes): a generator restarted in place aborts its
     * predecessor's open transaction at once, and two generators on different hosts never fence each other. Set
     * {@code kafka.transactional.id} to run two generators on one host.
     */
    static String defaultTransactionalId(String hostname) {
        String host = hostname;
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "local";
            }
        }
        return "eddy-generator-" + host;
    }

    /** Only the keys a client knows, so consumer-only settings in kafka.* do not produce warnings. */
    private static Map<String, Object> known(Map<String, Object> config, Set<String> names) {
        Map<String, Object> result = new HashMap<>();
        config.forEach((key, value) -> {
            if (names.contains(key)) {
                result.put(key, value);
            }
        });
        return result;
    }
}
