package dev.eddy.aggregator.streams;

import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.EventFormatException;
import dev.eddy.events.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step after the source: counts every record, and marks the ones that cannot be aggregated with the dead-letter
 * headers (where it came from, why it failed). A click whose record key is not its user id is refused too: the query
 * API finds a user's windows through the key's partition, so a wrongly keyed click would be unreachable.
 */
final class ClickDecoder implements FixedKeyProcessor<String, DecodedClick, DecodedClick> {

    static final String STAGE = "aggregator.decode";

    private final AggregatorMetrics metrics;
    private FixedKeyProcessorContext<String, DecodedClick> context;

    ClickDecoder(AggregatorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, DecodedClick> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, DecodedClick> record) {
        metrics.recordIn();
        DecodedClick decoded = record.value() != null ? record.value()
                : DecodedClick.failed(null, new EventFormatException(EventFormatException.Kind.EMPTY, "$",
                "payload is null"));
        if (!decoded.isFailure() && !decoded.click().key().equals(record.key())) {
            decoded = DecodedClick.failed(decoded.rawValue(), new EventFormatException(
                    EventFormatException.Kind.INVALID_VALUE, "key",
                    "must be the click's userid " + decoded.click().key() + ", was '" + record.key() + "'"));
        }
        if (!decoded.isFailure()) {
            context.forward(record.withValue(decoded));
            return;
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        DeadLetterHeaders deadLetter = DeadLetterHeaders.of(decoded.error(),
                source == null ? Topics.ENRICHED : source.topic(),
                source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(),
                STAGE);
        metrics.countDeadLetter(deadLetter.reason());
        context.forward(record.withValue(decoded)
                .withHeaders(deadLetter.writeTo(new RecordHeaders(record.headers().toArray()))));
    }
}
