package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.Topics;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends records that fail to deserialise to the dead-letter topic, for the one input that cannot be decoded inside
 * the topology: the status-code {@code GlobalKTable}, read by Kafka Streams' global thread, which has no sink. (Clicks
 * and users arrive as raw bytes and are checked inside the topology ({@link InputChecks}), so they never reach this
 * handler.)
 *
 * <p>The global thread is outside Kafka Streams' transactions, so this handler writes with its own idempotent producer
 * and waits for the acknowledgement: at least once. When the global store is rebuilt from the topic (a fresh state
 * directory), a bad reference record is sent again; the source topic, partition and offset headers identify it. If the
 * dead-letter topic cannot be written, the handler answers FAIL: the record is never skipped unseen.
 */
public final class StatusCodeDeadLetterHandler implements DeserializationExceptionHandler {

    static final String STAGE = "enricher.status-codes";

    private static final Logger LOG = Logger.getLogger(StatusCodeDeadLetterHandler.class);
    /** Streams settings that must not reach a plain producer. */
    private static final Set<String> NOT_FOR_PRODUCER = Set.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.CLIENT_ID_CONFIG);

    private Map<String, Object> producerSettings;
    private KafkaProducer<byte[], byte[]> producer;
    private EnricherMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> settings = new HashMap<>();
        // Connection and security settings (bootstrap, TLS, SASL) come from the Streams settings, so the dead-letter
        // producer reaches the cluster exactly as the application does.
        Set<String> producerNames = ProducerConfig.configNames();
        configs.forEach((name, value) -> {
            if (producerNames.contains(name) && !NOT_FOR_PRODUCER.contains(name) && value != null) {
                settings.put(name, value);
            }
        });
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-status-codes-dlq");
        this.producerSettings = settings;
        this.metrics = new EnricherMetrics(Metrics.globalRegistry);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        DeadLetterHeaders why = DeadLetterReasons.headers(exception, record.topic(), record.partition(),
                record.offset(), STAGE);
        Headers headers = why.writeTo(new RecordHeaders(record.headers().toArray()));
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(Topics.DEAD_LETTERS, null, record.timestamp(),
                record.key(), record.value(), headers);
        try {
            producer().send(letter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf(e, "interrupted while dead-lettering %s-%d@%d", record.topic(), record.partition(),
                    record.offset());
            return DeserializationHandlerResponse.FAIL;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.errorf(e, "cannot write %s-%d@%d to %s; stopping rather than skipping it", record.topic(),
                    record.partition(), record.offset(), Topics.DEAD_LETTERS);
            return DeserializationHandlerResponse.FAIL;
        }
        metrics.deadLetter(why.reason(), record.topic());
        LOG.warnf("dead letter from %s-%d@%d: %s (%s)", record.topic(), record.partition(), record.offset(),
                why.reason(), why.errorMessage());
        return DeserializationHandlerResponse.CONTINUE;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        // Created on first use: most runs never see a bad reference record and need no extra connection.
        if (producer == null) {
            producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
