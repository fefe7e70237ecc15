package dev.eddy.lake.storage;

/** An object could not be written; the writer goes back to its last committed offsets and tries again. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
