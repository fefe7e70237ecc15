package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Source serde of {@code clickstream.enriched}: turns every payload into a {@link DecodedClick} and never throws, so the
 * timestamp extractor can read {@code _time} from the decoded click (one decode per record) and bad records reach the
 * dead-letter branch of the topology with their bytes untouched.
 */
public final class DecodedClickSerde implements Serde<DecodedClick> {

    private final JsonCodec<EnrichedClick> codec = EventSerdes.enrichedClick().codec();

    @Override
    public Serializer<DecodedClick> serializer() {
        return (topic, decoded) -> decoded == null ? null
                : decoded.isFailure() ? decoded.rawValue() : codec.encode(decoded.click());
    }

    @Override
    public Deserializer<DecodedClick> deserializer() {
        return (topic, bytes) -> {
            try {
                return DecodedClick.ok(codec.decode(bytes), bytes);
            } catch (RuntimeException e) {
                return DecodedClick.failed(bytes, e);
            }
        };
    }
}
