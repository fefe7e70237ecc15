package dev.eddy.enricher.streams;

import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Key of the status-code reference table: a UTF-8 string that must be present. Kafka Streams would otherwise drop a
 * null-keyed table record with only a log line; failing here sends it through
 * {@link StatusCodeDeadLetterHandler} to the dead-letter topic instead.
 */
public final class StatusCodeKeyDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(String topic, byte[] data) {
        if (data == null) {
            throw new RejectedInputException(RejectedInputException.NULL_KEY,
                    "key: a status code record needs its code as key");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new RejectedInputException(RejectedInputException.INVALID_KEY, "key: not valid UTF-8");
        }
    }
}
