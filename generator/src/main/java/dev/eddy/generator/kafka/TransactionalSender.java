package dev.eddy.generator.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Sends the generator's records exactly once, in short Kafka transactions: every record of a transaction is kept
 * until the transaction commits, and a transaction that fails for any reason is aborted (or its producer replaced)
 * and sent again whole. Read-committed consumers (every Eddy service) therefore see each record once, whatever the
 * broker does meanwhile.
 *
 * <p>Why not an idempotent producer with unlimited retries: after a broker crash the broker may hold a batch the
 * producer still believes unacknowledged; the producer then retries it forever ({@code OUT_OF_ORDER_SEQUENCE_NUMBER})
 * and the generator stalls, while a delivery timeout would expire it and lose or duplicate records. A transaction
 * has a clean way out: abort, and replay what it held.
 *
 * <p>Not thread-safe: the generator's single worker thread owns it.
 */
public final class TransactionalSender implements AutoCloseable {

    /** Told about every committed transaction and every failed attempt, per record. */
    public interface Listener {
        void committed(List<ProducerRecord<String, byte[]>> records);

        void failed(List<ProducerRecord<String, byte[]>> records, KafkaException cause);
    }

    private static final Logger LOG = Logger.getLogger(TransactionalSender.class);

    private final Supplier<Producer<String, byte[]>> producers;
    private final long commitIntervalNanos;
    private final int maxRecordsPerTransaction;
    private final Listener listener;
    private final LongSupplier nanoClock;
    private final List<ProducerRecord<String, byte[]>> open = new ArrayList<>();

    private Producer<String, byte[]> producer;
    private boolean inTransaction;
    /** commitTransaction timed out: it must be called again, never aborted (the commit may be under way). */
    private boolean commitPending;
    /** The open records are not (all) in a live transaction any more: begin one and send them again. */
    private boolean replayNeeded;
    private long transactionStartedNanos;

    public TransactionalSender(Supplier<Producer<String, byte[]>> producers, Duration commitInterval,
                               int maxRecordsPerTransaction, Listener listener) {
        this(producers, commitInterval, maxRecordsPerTransaction, listener, System::nanoTime);
    }

    TransactionalSender(Supplier<Producer<String, byte[]>> producers, Duration commitInterval,
                        int maxRecordsPerTransaction, Listener listener, LongSupplier nanoClock) {
        if (maxRecordsPerTransaction < 1) {
            throw new IllegalArgumentException("maxRecordsPerTransaction must be at least 1");
        }
        this.producers = producers;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.maxRecordsPerTransaction = maxRecordsPerTransaction;
        this.listener = listener;
        this.nanoClock = nanoClock;
    }

    /**
     * Adds a record to the open transaction (starting one if needed). False when Kafka failed: the record is kept
     * all the same, and the whole transaction is sent again by the next call that succeeds. Call only after
     * {@link #commitIfDue()} returned true: no record may join a transaction whose commit is under way.
     */
    public boolean send(ProducerRecord<String, byte[]> record) {
        if (commitPending) {
            throw new IllegalStateException("a commit is under way: call commitIfDue() until it returns true");
        }
        boolean live = ready();
        open.add(record);
        if (!live) {
            replayNeeded = true;
            return false;
        }
        try {
            producer.send(record);
            return true;
        } catch (KafkaException e) {
            abandon(e);
            return false;
        }
    }

    /**
     * Commits when the open transaction is old or big enough, or when an earlier commit is still to be confirmed;
     * true unless Kafka failed (then call again later: nothing is lost).
     */
    public boolean commitIfDue() {
        if (open.isEmpty()) {
            return true;
        }
        boolean due = commitPending || replayNeeded || open.size() >= maxRecordsPerTransaction
                || nanoClock.getAsLong() - transactionStartedNanos >= commitIntervalNanos;
        return !due || commit();
    }

    /** Commits whatever is open now; true once it is committed (or nothing was open), false to retry later. */
    public boolean commit() {
        if (open.isEmpty()) {
            return true;
        }
        if (!ready()) {
            return false;
        }
        try {
            producer.commitTransaction();
        } catch (TimeoutException | InterruptException e) {
            commitPending = true;
            LOG.warnf("commit of %d records not confirmed yet (%s); retrying the commit", open.size(), e.getMessage());
            return false;
        } catch (KafkaException e) {
            commitPending = false;
            abandon(e);
            return false;
        }
        commitPending = false;
        inTransaction = false;
        List<ProducerRecord<String, byte[]>> committed = List.copyOf(open);
        open.clear();
        listener.committed(committed);
        return true;
    }

    /** Records handed over but not committed yet. */
    public int openRecords() {
        return open.size();
    }

    /**
     * Gets a live transaction holding every open record: creates the producer if there is none, begins a
     * transaction, and re-sends the open records after a failure. False if Kafka failed on the way.
     */
    private boolean ready() {
        if (commitPending) {
            return true;
        }
        try {
            if (producer == null) {
                producer = producers.get();
                producer.initTransactions();
            }
            if (!inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
                transactionStartedNanos = nanoClock.getAsLong();
            }
            if (replayNeeded) {
                replayNeeded = false;
                for (ProducerRecord<String, byte[]> record : open) {
                    producer.send(record);
                }
            }
            return true;
        } catch (KafkaException e) {
            abandon(e);
            return false;
        }
    }

    /**
     * Gives up the current transaction: aborts it, or, if even that fails (a fenced or broken producer), closes the
     * producer; a new producer with the same transactional id aborts whatever the old one left open. Either way the
     * open records are replayed later, and nothing of the failed attempt becomes visible to read-committed readers.
     */
    private void abandon(KafkaException cause) {
        listener.failed(List.copyOf(open), cause);
        replayNeeded = true;
        if (producer == null) {
            return;
        }
        if (inTransaction) {
            try {
                producer.abortTransaction();
                inTransaction = false;
                return;
            } catch (KafkaException abortFailed) {
                LOG.debugf("abort failed (%s); replacing the producer", abortFailed.toString());
            }
        }
        closeProducer();
    }

    private void closeProducer() {
        try {
            producer.close(Duration.ZERO);
        } catch (KafkaException e) {
            LOG.debugf("closing a failed producer: %s", e.toString());
        }
        producer = null;
        inTransaction = false;
    }

    /** Commits what is open (one attempt, waiting at most {@code timeout}) and closes the producer. */
    public void close(Duration timeout) {
        if (producer == null && open.isEmpty()) {
            return;
        }
        // commit() also replaces a producer that a failed attempt closed, and replays the open records into it.
        if (!open.isEmpty() && !commit()) {
            LOG.warnf("%d records were not committed before the generator stopped", open.size());
        }
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
