package dev.eddy.enricher.bench;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.enricher.streams.EnricherTopology;
import dev.eddy.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * One Kafka Streams application for the benchmark, in its own JVM: either the shipped enricher topology or a
 * pass-through that copies clicks to the enriched topic unchanged, both with the service's Streams settings
 * (exactly_once_v2, no record cache, 100 ms commits, 512 KiB producer batches); {@code -Dkafka-streams.*} system
 * properties of the app's JVM override them, as they do for the service. Prints {@code RUNNING} once processing can start; stops when
 * its standard input closes.
 *
 * <p>Usage: {@code BenchStreamsApp enrich|passthrough <bootstrap> <state-dir> <stream-threads>}; the harness gives
 * both apps the same thread count.
 */
public final class BenchStreamsApp {

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
        // The service's settings (enricher/src/main/resources/application.properties).
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(args[3]));
        settings.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 524_288);
        settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                "dev.eddy.enricher.streams.StatusCodeDeadLetterHandler");
        // As the service takes kafka-streams.* settings: -Dbench.app-jvm-options=-Dkafka-streams.producer.batch.size=...
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("kafka-streams."))
                .forEach(name -> settings.put(name.substring("kafka-streams.".length()), System.getProperty(name)));
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

    /** The baseline: the same source and sink, nothing in between. */
    static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.CLICKS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(Topics.ENRICHED, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }
}
