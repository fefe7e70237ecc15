package dev.eddy.aggregator.query.model;

import dev.eddy.events.SegmentActivityWindow;

import java.util.List;

/** Activity per city and level per window starting in [from, to]. */
public record SegmentsResponse(long from, long to, List<SegmentActivityWindow> windows) {
}
