package dev.eddy.enricher.streams;

import dev.eddy.events.User;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest version of recently seen users, decoded, in front of the versioned users store: nearly every click reads
 * its user's latest version (clicks are rarely older than their user's last change), and the store answers that with a
 * RocksDB read and a decode per click, as the versioned store has no record cache.
 *
 * <p>One per task, in memory, never logged: it holds nothing the versioned store does not. It starts empty (start,
 * restore, rebalance, a task revived after a crash all open it anew) and fills as clicks read users. It stays exact
 * because every write to the users store goes through {@link UserVersionWriter}, which tells it (the store's own
 * restore writes straight into RocksDB, but only while this cache is still empty and closed to clicks).
 *
 * <p>Time-correct by construction: an entry is the user's latest version and the time it became valid, and it answers
 * only for a click at or after that time, where the versioned store returns the same latest version (which never
 * expires, whatever the history retention). An older click - late, or beyond the history - reads the versioned store.
 *
 * <p>Bounded: at most {@code capacity} users per task, the least recently read ones leave first; 0 disables it.
 */
final class LatestUsers implements StateStore {

    static final String STORE = "users-latest";

    /** A user's latest version in the versioned store, valid from {@code validFrom} (deleted users are not kept). */
    private record Latest(long validFrom, JoinedUser user) {
    }

    private final String name;
    private final int capacity;
    private final Map<Bytes, Latest> latest;
    private boolean open;

    LatestUsers(String name, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        // Access order: the least recently read user is evicted first.
        this.latest = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, Latest> eldest) {
                return size() > LatestUsers.this.capacity;
            }
        };
    }

    static StoreBuilder<LatestUsers> storeBuilder(int capacity) {
        return new Builder(capacity);
    }

    /**
     * The user as of {@code asOf}, from this cache when it holds the user's latest version and the click is not older
     * than it, otherwise from {@code users} (and remembered when that is the user's latest version).
     *
     * @return the version valid at {@code asOf}, {@code null} when there is none (unknown, deleted, beyond history)
     */
    JoinedUser userAt(VersionedKeyValueStore<byte[], User> users, byte[] key, long asOf) {
        if (capacity == 0) {
            return valueOf(users.get(key, asOf));
        }
        Bytes cacheKey = Bytes.wrap(key);
        Latest cached = latest.get(cacheKey);
        if (cached != null && asOf >= cached.validFrom()) {
            return cached.user();
        }
        VersionedRecord<User> version = users.get(key, asOf);
        if (version != null && cached == null) {
            // Found, but is it the latest? One more read, once per user while it stays in the cache.
            VersionedRecord<User> newest = users.get(key);
            if (newest != null) {
                latest.put(cacheKey, new Latest(newest.timestamp(), JoinedUser.of(newest.value())));
            }
        }
        return valueOf(version);
    }

    /**
     * Called after each write to the users store.
     *
     * @param user      the version written, {@code null} for a tombstone
     * @param validFrom the version's timestamp
     * @param putResult what {@link VersionedKeyValueStore#put} returned
     */
    void written(byte[] key, User user, long validFrom, long putResult) {
        if (capacity == 0 || putResult == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
            return;                                 // the store did not change
        }
        Bytes cacheKey = Bytes.wrap(key);
        if (putResult == VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED && user != null) {
            latest.put(cacheKey, new Latest(validFrom, JoinedUser.of(user)));      // the new latest version
        } else if (user == null) {
            latest.remove(cacheKey);                // deleted: the store says what remains before the deletion
        }
        // Otherwise an older version went into the history: the latest one, cached or not, is unchanged.
    }

    int size() {
        return latest.size();
    }

    private static JoinedUser valueOf(VersionedRecord<User> version) {
        return version == null ? null : JoinedUser.of(version.value());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        latest.clear();
        // Nothing to restore: the register call only tells Kafka Streams this store exists for the task.
        context.register(root, (key, value) -> {
        });
        open = true;
    }

    @Override
    public void flush() {
        // nothing to write: the versioned store holds the data
    }

    @Override
    public void close() {
        latest.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    /** Kafka Streams builds one per task. Never logged: it is rebuilt from the versioned store as clicks read it. */
    private static final class Builder implements StoreBuilder<LatestUsers> {

        private final int capacity;

        Builder(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public StoreBuilder<LatestUsers> withCachingEnabled() {
            throw new UnsupportedOperationException(STORE + " is a cache itself");
        }

        @Override
        public StoreBuilder<LatestUsers> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<LatestUsers> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException(STORE + " is never logged: the versioned users store is");
        }

        @Override
        public StoreBuilder<LatestUsers> withLoggingDisabled() {
            return this;
        }

        @Override
        public LatestUsers build() {
            return new LatestUsers(STORE, capacity);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return STORE;
        }
    }
}
