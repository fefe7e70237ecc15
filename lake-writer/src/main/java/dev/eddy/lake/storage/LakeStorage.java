package dev.eddy.lake.storage;

import dev.eddy.lake.naming.LakeObjectName;

import java.nio.file.Path;

/**
 * Where finished files go. {@link #publish} makes a complete file visible under its name in one step (an atomic
 * rename, a single PUT, or a completed multipart upload): a reader never sees half an object, and publishing the same
 * name again replaces the object.
 */
public interface LakeStorage extends AutoCloseable {

    /**
     * Publishes the complete local file {@code file} as {@code name}; the local file may be gone afterwards.
     *
     * @throws StorageException when the object could not be written (after the client's own retries)
     */
    void publish(Path file, LakeObjectName name);

    /** For logs and health: the lake root. */
    String describe();

    @Override
    default void close() {
    }
}
