package dev.eddy.aggregator.streams;

/** Headers of a record on the late-events topic: which window rejected it, and the stream time it was measured by. */
public final class LateEventHeaders {

    /** Name of the window aggregation that rejected the record (one of {@link StoreNames}). */
    public static final String WINDOW = "eddy.late.window";
    /** The aggregation's stream time (epoch ms) when the record arrived. */
    public static final String STREAM_TIME = "eddy.late.stream-time";

    private LateEventHeaders() {
    }
}
