package dev.eddy.enricher.streams;

/**
 * An input value as {@link DecodingDeserializer} read it: the payload exactly as consumed, and either its decoded
 * contract record or why it could not be decoded. Decoding once, when the record is read, lets the timestamp extractor
 * take a click's {@code _time} from the decoded value and {@link ClickEnricher} (users: {@link InputDecoder}) check
 * it without parsing it again, while a rejected record still leaves for the dead-letter topic with its original bytes.
 *
 * @param payload the value bytes as consumed ({@code null} for a tombstone)
 * @param value   the decoded value; {@code null} when the payload is null, too large to be parsed, or not decodable
 * @param failure why decoding failed; {@code null} when it succeeded or was not attempted
 */
record Decoded<T>(byte[] payload, T value, RuntimeException failure) {

    /** Not parsed: a tombstone, or a payload larger than the enricher accepts (rejected later for its size). */
    static <T> Decoded<T> notParsed(byte[] payload) {
        return new Decoded<>(payload, null, null);
    }
}
