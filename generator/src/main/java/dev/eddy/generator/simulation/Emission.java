package dev.eddy.generator.simulation;

import dev.eddy.events.Click;

/**
 * One record the simulation emits, in emission order.
 *
 * @param topic      destination topic (a {@link dev.eddy.events.Topics} name)
 * @param key        record key
 * @param value      the contract record ({@link Click}, {@link dev.eddy.events.User}, ...), for callers that inspect it
 * @param valueBytes the serialised value, exactly as it is sent
 * @param timestamp  the Kafka record timestamp: the event time of what the record describes
 * @param emittedAt  simulated time at which the record is emitted; real-time pacing sends it when the wall clock
 *                   reaches this instant. Equal to {@code timestamp} for an on-time click, later for a delayed one.
 */
public record Emission(String topic, String key, Object value, byte[] valueBytes, long timestamp, long emittedAt) {

    public boolean isClick() {
        return value instanceof Click;
    }

    public Click click() {
        return (Click) value;
    }
}
