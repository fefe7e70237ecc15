package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;

/**
 * The outcome of reading one record of {@code clickstream.enriched}: either the click, or the original bytes with the
 * reason they could not be read. Decoding never throws, so one bad record can neither stop the application nor be
 * skipped silently: it travels on as a failure and ends on the dead-letter topic.
 */
public record DecodedClick(EnrichedClick click, byte[] rawValue, RuntimeException error) {

    public static DecodedClick ok(EnrichedClick click, byte[] rawValue) {
        return new DecodedClick(click, rawValue, null);
    }

    public static DecodedClick failed(byte[] rawValue, RuntimeException error) {
        return new DecodedClick(null, rawValue, error);
    }

    public boolean isFailure() {
        return error != null;
    }
}
