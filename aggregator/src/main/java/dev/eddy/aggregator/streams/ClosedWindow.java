package dev.eddy.aggregator.streams;

/** The final value of one window of a pre-aggregated dimension, emitted once when every input partition passed it. */
record ClosedWindow<V>(String key, long start, long end, V value) {
}
