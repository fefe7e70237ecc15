package dev.eddy.enricher.streams;

import dev.eddy.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.internals.OffsetCheckpoint;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the in-memory status-code table load its whole topic on a state folder written by an older enricher.
 *
 * <p>Enrichers before 2026-11-22 kept the table in RocksDB, and Kafka Streams recorded how far it had read the topic in
 * the global checkpoint file. Kafka Streams 4.1 resumes every global store from its checkpointed offset, whether or not
 * the store kept its data ({@code GlobalStateManagerImpl.restoreState}); it only stops writing offsets for in-memory
 * stores. On such a folder the in-memory table would start empty and clicks would get the standard reason phrases until
 * the next restart. Removing the stale offset before Kafka Streams starts makes it read the topic from the beginning,
 * as on every other start. The file is read and written with Kafka Streams' own {@link OffsetCheckpoint}.
 */
final class StatusCodesCheckpoint {

    private static final Logger LOG = Logger.getLogger(StatusCodesCheckpoint.class);
    /** Where Kafka Streams keeps the offsets of the global stores: {@code <state.dir>/<application.id>/global}. */
    private static final String GLOBAL_DIR = "global";
    private static final String CHECKPOINT_FILE = ".checkpoint";

    private StatusCodesCheckpoint() {
    }

    /**
     * Removes the status-code topic's offsets from the global checkpoint of {@code applicationId} under
     * {@code stateDir}, if there are any; the other entries stay. Call it before the application starts.
     *
     * @return whether a stale offset was removed
     */
    static boolean forgetStaleOffsets(Path stateDir, String applicationId) {
        File file = stateDir.resolve(applicationId).resolve(GLOBAL_DIR).resolve(CHECKPOINT_FILE).toFile();
        if (!file.exists()) {
            return false;
        }
        try {
            OffsetCheckpoint checkpoint = new OffsetCheckpoint(file);
            Map<TopicPartition, Long> offsets = new HashMap<>(checkpoint.read());
            if (!offsets.keySet().removeIf(partition -> partition.topic().equals(Topics.STATUS_CODES))) {
                return false;
            }
            checkpoint.write(offsets);
            LOG.infof("%s: dropped the offsets of %s written when the status-code table was kept in RocksDB, so the"
                    + " in-memory table loads the whole topic", file, Topics.STATUS_CODES);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the global checkpoint " + file, e);
        }
    }
}
