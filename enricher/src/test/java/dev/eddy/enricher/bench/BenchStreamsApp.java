package dev.eddy.enricher.bench;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.enricher.streams.EnricherTopology;
import dev.eddy.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * One Kafka Streams application for the benchmark, in its own JVM: either the shipped enricher topology or a
 * pass-through that copies clicks to the enriched topic unchanged, both with the service's Streams settings as its
 * application.properties gives them (exactly_once_v2, no record cache, 512 KiB producer batches, Kafka Streams'
 * 100 ms commits); {@code -Dkafka-streams.*} system
 * properties of the app's JVM override them, as they do for the service. Prints {@code RUNNING} once processing can start; stops when
 * its standard input closes.
 *
 * <p>Usage: {@code BenchStreamsApp enrich|passthrough <bootstrap> <state-dir> <stream-threads>}; the harness gives
 * both apps the same thread count.
 */
public final class BenchStreamsApp {

    /** How the service (Quarkus) names Kafka Streams settings: {@code kafka-streams.<Kafka Streams key>}. */
    private static final String SERVICE_PREFIX = "kafka-streams.";

    private BenchStreamsApp() {
    }

    public static void main(String[] args) throws Exception {
        // Without a logging configuration the JBoss log manager on this classpath formats even TRACE messages of the
        // Kafka clients, which costs more than the work being measured. The service runs with Quarkus' INFO.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        String mode = args[0];
        Topology topology = switch (mode) {
            case "enrich" -> EnricherTopology.build(Duration.ofHours(1), new EnricherMetrics(new SimpleMeterRegistry()));
            case "passthrough" -> passThrough();
            default -> throw new IllegalArgumentException("mode must be enrich or passthrough, was " + mode);
        };
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "eddy-enricher-bench-" + mode);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        settings.putAll(serviceStreamsSettings());
        settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(args[3]));
        // As the service takes kafka-streams.* settings: -Dbench.app-jvm-options=-Dkafka-streams.producer.batch.size=...
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(SERVICE_PREFIX))
                .forEach(name -> settings.put(name.substring(SERVICE_PREFIX.length()), System.getProperty(name)));
        CountDownLatch running = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(topology, settings)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            running.await();
            System.out.println("RUNNING");
            System.out.flush();
            // Runs until the harness closes our standard input.
            while (System.in.read() >= 0) {
                // ignore input
            }
        }
    }

    /**
     * The service's own Kafka Streams settings, read from its application.properties (the {@code kafka-streams.*}
     * keys of the default profile), so that the benchmark follows the service when they change. Values that refer to
     * other settings ({@code ${...}}: state folder, replication factor, threads) are the harness's to give.
     */
    static Properties serviceStreamsSettings() throws IOException {
        Properties service = new Properties();
        try (InputStream in = BenchStreamsApp.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("the enricher's application.properties is not on the classpath");
            }
            service.load(in);
        }
        Properties streams = new Properties();
        for (String key : service.stringPropertyNames()) {
            String value = service.getProperty(key);
            if (key.startsWith(SERVICE_PREFIX) && !value.contains("${")) {
                streams.put(key.substring(SERVICE_PREFIX.length()), value);
            }
        }
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
            throw new IllegalStateException("expected the service to run exactly_once_v2, read " + streams);
        }
        return streams;
    }

    /** The baseline: the same source and sink, nothing in between. */
    static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.CLICKS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(Topics.ENRICHED, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }
}
