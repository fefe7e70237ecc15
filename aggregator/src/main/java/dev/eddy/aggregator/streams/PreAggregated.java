package dev.eddy.aggregator.streams;

import dev.eddy.events.EnrichedClick;

/** Output of a {@link PreAggregator}: a click it found too late (for the late-events topic) or a contribution. */
record PreAggregated(EnrichedClick late, Contribution contribution) {

    boolean isLate() {
        return late != null;
    }
}
