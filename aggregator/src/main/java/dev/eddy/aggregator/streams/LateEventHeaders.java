package dev.eddy.aggregator.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/** Headers of a record on the late-events topic: which window rejected it, and the stream time it was measured by. */
public final class LateEventHeaders {

    /** Name of the window aggregation that rejected the record (one of {@link StoreNames}). */
    public static final String WINDOW = "eddy.late.window";
    /** The aggregation's stream time (epoch ms) when the record arrived. */
    public static final String STREAM_TIME = "eddy.late.stream-time";

    /** A copy of a late record's headers naming the window that rejected it and the stream time it was judged by. */
    static Headers stamped(Headers original, String window, long streamTime) {
        RecordHeaders headers = new RecordHeaders(original.toArray());
        headers.remove(WINDOW);
        headers.remove(STREAM_TIME);
        headers.add(WINDOW, window.getBytes(StandardCharsets.UTF_8));
        headers.add(STREAM_TIME, Long.toString(streamTime).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private LateEventHeaders() {
    }
}
