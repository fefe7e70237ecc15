package dev.eddy.lake.writer;

import dev.eddy.events.DeadLetterHeaders;
import dev.eddy.events.EventFormatException;
import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.metrics.LakeMetrics;
import dev.eddy.lake.naming.HourPartition;
import dev.eddy.lake.naming.LakeObjectName;
import dev.eddy.lake.parquet.ParquetSpoolFile;
import dev.eddy.lake.rolling.RollPolicy;
import dev.eddy.lake.rolling.RollReason;
import dev.eddy.lake.storage.LakeStorage;
import dev.eddy.lake.storage.StorageException;
import dev.eddy.lake.table.LakeTable;
import dev.eddy.lake.table.SchemaMismatchException;
import dev.eddy.lake.table.TableRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lake writer's loop: poll, decode, append to the partition's open Parquet file, publish the file when a roll
 * rule fires, then commit the offset after its last record.
 *
 * <p>Exactly once: a partition never has more than one published file whose offsets are not committed yet, because
 * each file's offsets are committed (synchronously) right after it is published and before the partition's next file
 * can be published. After a crash the writer resumes at the committed offset, so its first file for that partition
 * starts with the same record as the uncommitted one, gets the same name (topic, partition, start offset; directory
 * from that record's event time) and replaces it. That holds wherever the replay cuts, which is why idle and memory
 * flushes (timing-dependent) are safe; the record-determined rules additionally make the replayed file identical.
 * docs/lake.md spells out the argument.
 *
 * <p>Threads: this thread polls, sends dead letters, publishes and commits; each partition's records are decoded and
 * encoded on its <em>lane</em>, a queue of tasks run in order on the {@link Workers} pool, so several partitions use
 * several cores and polling overlaps encoding. A lane hands finished files and dead letters back through its
 * partition's outbox, in offset order. This thread touches a partition's open file only while the lane is idle
 * (nothing queued), and it stops polling while the lanes hold more than {@link #maxRecordsInLanes} records.
 */
public final class LakeWriter implements Runnable {

    private static final Logger LOG = Logger.getLogger(LakeWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final WriterSettings settings;
    private final TableRegistry tables;
    private final LakeStorage storage;
    private final LakeMetrics metrics;
    private final PublishObserver observer;
    private final RollPolicy rollPolicy;
    private final Workers workers;
    private final long maxRecordsInLanes;
    private final AtomicLong recordsInLanes = new AtomicLong();

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private volatile boolean running = true;
    /** Values as ByteBuffers: the records' own bytes, decoded in place instead of copied into an array each. */
    private volatile Consumer<byte[], ByteBuffer> consumer;
    private volatile WriterState state = WriterState.of(WriterState.Phase.STARTING, "not yet polled");
    private Producer<byte[], byte[]> producer;
    private DeadLetters deadLetters;
    private SpoolDirectory spool;

    public LakeWriter(WriterSettings settings, TableRegistry tables, LakeStorage storage, LakeMetrics metrics,
                      PublishObserver observer) {
        this.settings = settings;
        this.tables = tables;
        this.storage = storage;
        this.metrics = metrics;
        this.observer = observer;
        this.rollPolicy = new RollPolicy(settings.roll());
        this.workers = new Workers(settings.workerThreads());
        // Two polls' worth keeps every lane fed while this thread publishes, without holding many records twice.
        this.maxRecordsInLanes = 2L * maxPollRecords(consumerSettings());
    }

    public WriterState state() {
        return state;
    }

    /** Asks the loop to stop; open files are abandoned (their records are read again from the committed offsets). */
    public void stop() {
        running = false;
        Consumer<byte[], ByteBuffer> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Runs sessions until {@link #stop()}; a failed session resumes from the committed offsets after a backoff. */
    @Override
    public void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try {
                session();
                backoff = Duration.ofMillis(500);
            } catch (WakeupException e) {
                if (running) {
                    LOG.warn("consumer woken up while running; restarting the session");
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                state = WriterState.of(WriterState.Phase.RECOVERING, e.toString());
                LOG.errorf(e, "lake writer session failed; resuming from the committed offsets in %s", backoff);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        workers.close();
        state = WriterState.of(WriterState.Phase.STOPPED, "stopped");
    }

    private void session() {
        spool = new SpoolDirectory(settings.spoolDir());
        producer = new KafkaProducer<>(producerSettings(), new ByteArraySerializer(), new ByteArraySerializer());
        deadLetters = new DeadLetters(producer);
        consumer = new KafkaConsumer<>(consumerSettings(), new ByteArrayDeserializer(), new ByteBufferDeserializer());
        try {
            consumer.subscribe(tables.topics(), new Rebalance());
            LOG.infof("lake writer consuming %s into %s", tables.topics(), storage.describe());
            while (running) {
                ConsumerRecords<byte[], ByteBuffer> records = consumer.poll(settings.pollTimeout());
                state = WriterState.of(WriterState.Phase.RUNNING, "assigned " + consumer.assignment().size()
                        + " partitions");
                dispatch(records);
                drainOutboxes();
                awaitLanesBelowLimit();
                enforceMemoryBound();
                flushIdle(System.nanoTime());
                commitWhereNoFileIsOpen();
            }
        } finally {
            // No commit here: whatever is not committed is read again and rewritten under the same names. Cleanup
            // failures are logged, not thrown: they would hide the exception that ended the session.
            waitForLanesQuietly();
            abandonAll();
            closeQuietly(consumer);
            consumer = null;
            closeQuietly(producer);
            cleanUpQuietly("removing the spool folder", spool::close);
            // Tasks queued behind a failed one never run, so their records would stay counted.
            recordsInLanes.set(0);
        }
    }

    private static void cleanUpQuietly(String what, Runnable cleanUp) {
        try {
            cleanUp.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "lake writer session cleanup failed while %s", what);
        }
    }

    /** Queues each partition's records of a poll on the partition's lane; returns without waiting for them. */
    private void dispatch(ConsumerRecords<byte[], ByteBuffer> records) {
        for (TopicPartition tp : records.partitions()) {
            PartitionState partition = partitions.computeIfAbsent(tp, key -> {
                LakeTable<?> table = tables.forTopic(key.topic())
                        .orElseThrow(() -> new IllegalStateException("no table for " + key));
                return new PartitionState(table, metrics.recordsRead(table.name()));
            });
            List<ConsumerRecord<byte[], ByteBuffer>> batch = records.records(tp);
            recordsInLanes.addAndGet(batch.size());
            partition.lane = workers.after(partition.lane, () -> {
                try {
                    append(tp, partition, batch);
                } finally {
                    recordsInLanes.addAndGet(-batch.size());
                }
            });
        }
    }

    /** Sends the lanes' dead letters and publishes and commits their finished files, each partition in offset order. */
    private void drainOutboxes() {
        partitions.forEach(this::drainOutbox);
    }

    private void drainOutbox(TopicPartition tp, PartitionState partition) {
        for (Object item = partition.outbox.poll(); item != null; item = partition.outbox.poll()) {
            if (item instanceof DeadLetter dead) {
                deadLetters.send(dead.record(), dead.why());
            } else {
                publishAndCommit(tp, partition, (FinishedFile) item);
            }
        }
    }

    /**
     * True when the partition's lane has nothing queued and its outbox is drained: only then may this thread touch the
     * partition's open file. Rethrows the lane's failure.
     */
    private boolean settled(TopicPartition tp, PartitionState partition) {
        if (!Workers.idle(partition.lane)) {
            return false;
        }
        drainOutbox(tp, partition);
        return true;
    }

    /** Back-pressure on polling: waits while the lanes hold more records than {@link #maxRecordsInLanes}. */
    private void awaitLanesBelowLimit() {
        while (recordsInLanes.get() > maxRecordsInLanes) {
            CompletableFuture<?>[] busy = partitions.values().stream().map(partition -> partition.lane)
                    .filter(lane -> !lane.isDone()).toArray(CompletableFuture[]::new);
            if (busy.length == 0) {
                break;
            }
            try {
                CompletableFuture.anyOf(busy).get(settings.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still busy: publish what is finished meanwhile and wait again.
            } catch (java.util.concurrent.ExecutionException e) {
                // A lane failed: rethrown below with its original exception.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the lanes", e);
            }
            partitions.values().forEach(partition -> Workers.idle(partition.lane));
            drainOutboxes();
        }
    }

    /** Waits for every lane and drains every outbox: afterwards this thread owns every partition's state. */
    private void settleAll() {
        partitions.values().forEach(partition -> Workers.await(partition.lane));
        drainOutboxes();
    }

    private void waitForLanesQuietly() {
        for (PartitionState partition : partitions.values()) {
            try {
                Workers.await(partition.lane);
            } catch (RuntimeException e) {
                LOG.debugf("lane ended with %s", e);
            }
        }
    }

    /** Runs on the partition's lane and touches only {@code partition}. */
    private void append(TopicPartition tp, PartitionState partition, List<ConsumerRecord<byte[], ByteBuffer>> batch) {
        for (ConsumerRecord<byte[], ByteBuffer> record : batch) {
            partition.handledThrough = record.offset();
            LakeTable.DecodedRow row;
            try {
                row = decode(partition.table, record.value());
            } catch (EventFormatException e) {
                deadLetter(partition, record, DeadLetterHeaders.of(e, record.topic(), record.partition(),
                        record.offset(), "lake-writer.decode"));
                continue;
            } catch (SchemaMismatchException e) {
                deadLetter(partition, record, new DeadLetterHeaders(e.getClass().getName(), e.getMessage(),
                        SchemaMismatchException.REASON, record.topic(), record.partition(), record.offset(),
                        "lake-writer.schema"));
                continue;
            }
            long valueBytes = record.serializedValueSize();
            OpenFile open = partition.open;
            if (open != null) {
                Optional<RollReason> roll = rollPolicy.beforeAppend(open.extent, valueBytes, row.eventTime());
                if (roll.isPresent()) {
                    partition.outbox.add(finish(partition, roll.get()));
                }
            }
            if (partition.open == null) {
                partition.open = openFile(partition.table, tp, record.offset(), row.eventTime());
            }
            partition.open.append(row.values(), record.offset(), valueBytes, row.eventTime(), record.timestamp(),
                    System.nanoTime());
        }
        partition.bufferedBytes = partition.open == null ? 0 : partition.open.file.bufferedBytes();
        partition.fileOpen = partition.open != null;
        partition.read.increment(batch.size());
    }

    private static LakeTable.DecodedRow decode(LakeTable<?> table, ByteBuffer value) {
        if (value == null) {
            return table.decode(null);
        }
        if (value.hasArray()) {
            return table.decode(value.array(), value.arrayOffset() + value.position(), value.remaining());
        }
        byte[] copy = new byte[value.remaining()];
        value.duplicate().get(copy);
        return table.decode(copy);
    }

    private void deadLetter(PartitionState partition, ConsumerRecord<byte[], ByteBuffer> record, DeadLetterHeaders why) {
        LOG.debugf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                why.errorMessage());
        partition.outbox.add(new DeadLetter(record, why));
        metrics.deadLettered(partition.table.name(), why.reason());
    }

    /** Writes the footer of the partition's open file; the file waits in the spool folder to be published. */
    private static FinishedFile finish(PartitionState partition, RollReason reason) {
        OpenFile file = partition.open;
        partition.open = null;
        partition.bufferedBytes = 0;
        partition.fileOpen = false;
        return new FinishedFile(file, file.file.finish(file.footer()), reason);
    }

    private OpenFile openFile(LakeTable<?> table, TopicPartition tp, long startOffset, long eventTime) {
        LakeObjectName name = new LakeObjectName(table.name(), HourPartition.of(eventTime), tp.topic(),
                tp.partition(), startOffset);
        ParquetSpoolFile file = new ParquetSpoolFile(spool.folder().resolve(name.fileName() + ".tmp"),
                table.columns(), table.uniqueColumns(), settings.compression(), settings.rowGroupSize());
        return new OpenFile(name, file);
    }

    /** Publishes a finished file, then commits the offset after its last record. */
    private void publishAndCommit(TopicPartition tp, PartitionState partition, FinishedFile finished) {
        OpenFile file = finished.file();
        try {
            storage.publish(file.file.path(), file.name);
        } catch (StorageException e) {
            metrics.uploadFailed(partition.table.name());
            throw e;
        }
        observer.published(file.name);
        deadLetters.awaitAcknowledged();
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(file.lastOffset + 1,
                "lake-writer " + file.name.relativePath())));
        partition.committedThrough = Math.max(partition.committedThrough, file.lastOffset);
        metrics.fileCommitted(partition.table.name(), finished.reason(), file.extent.records(), finished.size(),
                Duration.ofMillis(System.currentTimeMillis() - file.oldestRecordTimestamp));
        LOG.debugf("committed %s (%d records, %d bytes, %s)", file.name, file.extent.records(), finished.size(),
                finished.reason());
    }

    /**
     * Keeps the rows buffered in memory under {@code max-buffered-bytes} by writing the largest open files early.
     * Safe for exactly-once whatever the cut (see the class comment); the loop does not poll while it writes, which is
     * the back-pressure.
     */
    private void enforceMemoryBound() {
        long estimate = 0;
        for (PartitionState partition : partitions.values()) {
            estimate += partition.bufferedBytes;
        }
        if (estimate <= settings.maxBufferedBytes()) {
            metrics.buffered(estimate, (int) partitions.values().stream().filter(p -> p.fileOpen).count());
            return;
        }
        // Over the bound (by the lanes' last figures): stop and let every lane finish, then measure exactly.
        settleAll();
        long total = 0;
        int open = 0;
        for (PartitionState partition : partitions.values()) {
            if (partition.open != null) {
                total += partition.open.file.bufferedBytes();
                open++;
            }
        }
        while (total > settings.maxBufferedBytes()) {
            Map.Entry<TopicPartition, PartitionState> largest = partitions.entrySet().stream()
                    .filter(entry -> entry.getValue().open != null)
                    .max(Comparator.comparingLong(entry -> entry.getValue().open.file.bufferedBytes()))
                    .orElseThrow();
            total -= largest.getValue().open.file.bufferedBytes();
            open--;
            publishAndCommit(largest.getKey(), largest.getValue(), finish(largest.getValue(), RollReason.MEMORY));
        }
        metrics.buffered(total, open);
    }

    private void flushIdle(long nowNanos) {
        long idleNanos = settings.idleFlush().toNanos();
        for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
            if (!settled(entry.getKey(), entry.getValue())) {
                continue;
            }
            OpenFile open = entry.getValue().open;
            if (open != null && nowNanos - open.lastAppendNanos >= idleNanos) {
                publishAndCommit(entry.getKey(), entry.getValue(), finish(entry.getValue(), RollReason.IDLE));
            }
        }
    }

    /** Partitions whose last records all went to the dead-letter topic: commit past them once acknowledged. */
    private void commitWhereNoFileIsOpen() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((tp, partition) -> {
            if (settled(tp, partition) && partition.open == null
                    && partition.handledThrough > partition.committedThrough) {
                offsets.put(tp, new OffsetAndMetadata(partition.handledThrough + 1, "lake-writer dead letters"));
            }
        });
        if (!offsets.isEmpty()) {
            deadLetters.awaitAcknowledged();
            consumer.commitSync(offsets);
            offsets.forEach((tp, offset) -> partitions.get(tp).committedThrough = offset.offset() - 1);
        }
    }

    /**
     * Drops every partition's state. The map is emptied even when a spool file cannot be removed: a state kept across
     * sessions would let the next session append replayed records to a file that already holds them.
     */
    private void abandonAll() {
        try {
            partitions.values().forEach(partition -> cleanUpQuietly("abandoning a file", partition::abandon));
        } finally {
            partitions.clear();
            metrics.buffered(0, 0);
        }
    }

    private Map<String, Object> consumerSettings() {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        // Offsets are committed by the writer, only once the file holding the records is complete.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Records of aborted transactions (the Streams apps run exactly_once_v2) never reach the lake.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Large polls amortise the poll loop; the lanes overlap them with encoding.
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "eddy-lake-writer");
        return config;
    }

    private static long maxPollRecords(Map<String, Object> consumerSettings) {
        return Long.parseLong(String.valueOf(consumerSettings.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)));
    }

    private Map<String, Object> producerSettings() {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "eddy-lake-writer-dlq");
        return config;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debugf("while closing %s: %s", closeable, e);
        }
    }

    /**
     * Per assigned partition: its table, its lane, its open file (the lane's, or this thread's while the lane is idle),
     * the outbox of finished files and dead letters the lane hands over in offset order, and how far it is handled and
     * committed.
     */
    private static final class PartitionState {
        final LakeTable<?> table;
        final Counter read;
        final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> lane = CompletableFuture.completedFuture(null);
        OpenFile open;
        /** The lane's latest figure of the open file's bytes in memory, for the memory bound. */
        volatile long bufferedBytes;
        volatile boolean fileOpen;
        volatile long handledThrough = -1;
        long committedThrough = -1;

        PartitionState(LakeTable<?> table, Counter read) {
            this.table = table;
            this.read = read;
        }

        /** Drops what is not published: it is rebuilt from the committed offset. */
        void abandon() {
            if (open != null) {
                open.file.close();
                open = null;
            }
            for (Object item = outbox.poll(); item != null; item = outbox.poll()) {
                if (item instanceof FinishedFile file) {
                    file.file().file.close();
                }
            }
            bufferedBytes = 0;
            fileOpen = false;
        }
    }

    private record FinishedFile(OpenFile file, long size, RollReason reason) {
    }

    private record DeadLetter(ConsumerRecord<byte[], ByteBuffer> record, DeadLetterHeaders why) {
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // Finished files and dead-letter-only progress are committed while we still own the partitions; open
            // files are dropped (the next owner rebuilds them from the committed offset, under the same names).
            settleAll();
            commitWhereNoFileIsOpen();
            dropPartitions(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // Not ours any more: nothing may be committed, but the lanes must stop touching the files first.
            waitForLanesQuietly();
            dropPartitions(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            LOG.infof("assigned %s", assigned);
        }

        private void dropPartitions(Collection<TopicPartition> gone) {
            List<TopicPartition> list = new ArrayList<>(gone);
            for (TopicPartition tp : list) {
                PartitionState partition = partitions.remove(tp);
                if (partition != null) {
                    partition.abandon();
                }
            }
        }
    }
}
