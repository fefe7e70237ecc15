package dev.eddy.enricher.streams;

import dev.eddy.events.User;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/**
 * The users table: writes each accepted user change into the versioned users store as a version valid from the
 * record's timestamp (a tombstone deletes the user from then on), as the DSL's {@code toTable} did, and tells
 * {@link LatestUsers}, so the decoded latest versions the clicks read stay exactly what the store holds. It is the
 * only writer of the users store.
 */
final class UserVersionWriter implements Processor<byte[], User, Void, Void> {

    private VersionedKeyValueStore<byte[], User> users;
    private LatestUsers latestUsers;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.users = context.getStateStore(EnricherTopology.USERS_STORE);
        this.latestUsers = context.getStateStore(LatestUsers.STORE);
    }

    @Override
    public void process(Record<byte[], User> record) {
        // Keys were checked (never null) before; the history horizon already dead-lettered what the store would drop.
        long putResult = users.put(record.key(), record.value(), record.timestamp());
        latestUsers.written(record.key(), record.value(), record.timestamp(), putResult);
    }
}
