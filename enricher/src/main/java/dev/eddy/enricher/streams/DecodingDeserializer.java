package dev.eddy.enricher.streams;

import dev.eddy.events.JsonCodec;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.function.Function;

/**
 * Value deserializer of the clicks and users sources: decodes the JSON once and never throws, so that every bad
 * record reaches {@link InputChecks} ({@link ClickEnricher}, {@link InputDecoder}) - and from there the dead-letter
 * topic inside the transaction - instead of Kafka Streams' deserialization handler. A payload larger than
 * {@code maxRecordBytes} is not parsed at all.
 */
final class DecodingDeserializer<T> implements Deserializer<Decoded<T>> {

    private final JsonCodec<T> codec;
    private final Function<byte[], T> decoder;
    private final int maxRecordBytes;

    /** Decodes with the contract's codec. */
    DecodingDeserializer(JsonCodec<T> codec, int maxRecordBytes) {
        this(codec, codec::decode, maxRecordBytes);
    }

    /**
     * @param decoder decodes exactly as {@code codec} does (same values, same errors), e.g. a faster reader that falls
     *                back to the codec
     */
    DecodingDeserializer(JsonCodec<T> codec, Function<byte[], T> decoder, int maxRecordBytes) {
        this.codec = codec;
        this.decoder = decoder;
        this.maxRecordBytes = maxRecordBytes;
    }

    JsonCodec<T> codec() {
        return codec;
    }

    @Override
    public Decoded<T> deserialize(String topic, byte[] payload) {
        if (payload == null || payload.length > maxRecordBytes) {
            return Decoded.notParsed(payload);
        }
        try {
            return new Decoded<>(payload, decoder.apply(payload), null);
        } catch (RuntimeException e) {
            return new Decoded<>(payload, null, e);
        }
    }
}
