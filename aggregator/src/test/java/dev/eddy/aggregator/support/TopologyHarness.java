package dev.eddy.aggregator.support;

import dev.eddy.aggregator.config.WindowSettings;
import dev.eddy.aggregator.streams.AggregatorMetrics;
import dev.eddy.aggregator.streams.AggregatorTopology;
import dev.eddy.aggregator.streams.TopologyOptions;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonSerde;
import dev.eddy.events.Topics;
import dev.eddy.testing.TempDirs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The shipped topology in a {@link TopologyTestDriver}, with typed access to its input and output topics. */
public final class TopologyHarness implements AutoCloseable {

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** RocksDB state of the driver's stores; removed on {@link #close()}. */
    private final Path stateDir = TempDirs.create("aggregator-ttd");
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> input;
    private final JsonSerde<EnrichedClick> clickSerde = EventSerdes.enrichedClick();

    /** The input tasks send partial counts this often; the driver's clock advances by it after every record. */
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

    public TopologyHarness(WindowSettings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregator-ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        try {
            driver = new TopologyTestDriver(AggregatorTopology.build(settings,
                    TopologyOptions.of(1, FLUSH_INTERVAL), new AggregatorMetrics(registry)), props);
        } catch (RuntimeException | Error e) {
            TempDirs.delete(stateDir);
            throw e;
        }
        input = driver.createInputTopic(Topics.ENRICHED, new StringSerializer(), new ByteArraySerializer());
    }

    public void send(EnrichedClick... clicks) {
        for (EnrichedClick click : clicks) {
            input.pipeInput(click.key(), clickSerde.serialize(Topics.ENRICHED, click));
            driver.advanceWallClockTime(FLUSH_INTERVAL);
        }
    }

    public void sendRaw(String key, byte[] value) {
        input.pipeInput(key, value);
        driver.advanceWallClockTime(FLUSH_INTERVAL);
    }

    /** A raw record with the given broker timestamp (e.g. from a producer whose clock is wrong). */
    public void sendRaw(String key, byte[] value, long brokerTimestamp) {
        input.pipeInput(key, value, brokerTimestamp);
        driver.advanceWallClockTime(FLUSH_INTERVAL);
    }

    public <T> List<T> values(String topic, Class<T> type) {
        return output(topic, type).readValuesToList();
    }

    public <T> TestOutputTopic<String, T> output(String topic, Class<T> type) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new JsonSerde<>(type));
    }

    public List<TestRecord<byte[], byte[]>> rawRecords(String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    public List<TestRecord<String, EnrichedClick>> lateRecords() {
        return driver.createOutputTopic(Topics.LATE_EVENTS, new StringDeserializer(), clickSerde).readRecordsToList();
    }

    /** Records Kafka Streams itself dropped (e.g. for an expired window); the late gate keeps this at zero. */
    public double droppedByKafkaStreams() {
        double dropped = 0;
        for (Map.Entry<MetricName, ? extends org.apache.kafka.common.Metric> metric : driver.metrics().entrySet()) {
            if (metric.getKey().name().equals("dropped-records-total")) {
                dropped += ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return dropped;
    }

    public double counter(String name, String tagKey, String tagValue) {
        var counter = registry.find(name).tag(tagKey, tagValue).counter();
        return counter == null ? 0 : counter.count();
    }

    public double counter(String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            TempDirs.delete(stateDir);
        }
    }
}
