package dev.eddy.enricher.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.events.Click;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.io.IOException;

/**
 * Event time of a click: its {@code _time} field (epoch millis; a JSON number or, as Datagen may write, a numeric
 * string). Kafka Streams uses it to pick the next record across the clicks and users partitions of a task and as the
 * click's timestamp in the user join, which is what makes the join time-correct.
 *
 * <p>The value arrives decoded ({@link Decoded}); a click that could not be decoded is still scanned, top-level
 * fields only, up to {@code _time}. A record without a usable {@code _time} falls back to its
 * Kafka timestamp, then to the partition's stream time, never to a negative value: Kafka Streams would drop a record
 * with a negative timestamp without a trace, whereas this one must reach the decoder and the dead-letter topic.
 * An implausible {@code _time} (far in the future or before {@link ClickLimits#earliestEventTime()}) is not used
 * either: the record is dead-lettered by the decoder, but its timestamp would already have moved the task's stream
 * time, closing windows and ageing the users history for every other record.
 */
public final class ClickTimeExtractor implements TimestampExtractor {

    private final EventTimeBounds bounds;

    public ClickTimeExtractor(ClickLimits limits) {
        this.bounds = new EventTimeBounds(limits);
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final String FIELD = "_time";

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long eventTime = eventTimeOf(record.value());
        if (eventTime > 0 && bounds.plausible(eventTime)) {
            return eventTime;
        }
        if (record.timestamp() >= 0 && bounds.notTooFarAhead(record.timestamp())) {
            return record.timestamp();
        }
        return Math.max(partitionTime, 0L);
    }

    /**
     * The click's {@code _time}: from the click {@link DecodingDeserializer} already decoded, so a good click is parsed
     * only once; only a click that could not be decoded (bound for the dead-letter topic) is scanned for it, so its
     * dead letter keeps the same timestamp as before.
     */
    private static long eventTimeOf(Object value) {
        if (value instanceof Decoded<?> decoded) {
            if (decoded.value() instanceof Click click) {
                return click.eventTime();
            }
            return decoded.payload() == null ? -1L : eventTimeOf(decoded.payload());
        }
        return value instanceof byte[] payload ? eventTimeOf(payload) : -1L;
    }

    /** The {@code _time} of a JSON object, or -1 when it is absent, not a number, or the payload is not JSON. */
    static long eventTimeOf(byte[] payload) {
        if (payload.length == 0) {
            return -1L;
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return -1L;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                boolean wanted = FIELD.equals(parser.currentName());
                JsonToken valueToken = parser.nextToken();
                if (wanted) {
                    return timeValue(parser, valueToken);
                }
                parser.skipChildren();
            }
            return -1L;
        } catch (IOException | RuntimeException e) {
            return -1L;
        }
    }

    private static long timeValue(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(parser.getText().strip());
            } catch (NumberFormatException e) {
                return -1L;
            }
        }
        return -1L;
    }
}
