package dev.eddy.aggregator.streams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used users' open sessions, decoded, in front of the open-sessions store. Only the tracker of one
 * task writes that store, and it writes through, so an entry here is never older than the store; it is emptied
 * whenever the tracker is (re)initialised.
 */
final class DecodedOpenSessions extends LinkedHashMap<String, OpenSessions> {

    private final int capacity;

    DecodedOpenSessions(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, OpenSessions> eldest) {
        return size() > capacity;
    }
}
