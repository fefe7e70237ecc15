package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;

/** A click and whether the {@link LateRecordGate} in front of one aggregation found it too late. */
record Gated(EnrichedClick click, boolean late) {
}
