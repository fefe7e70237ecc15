package dev.eddy.lake.writer;

import dev.eddy.lake.naming.LakeObjectName;

/**
 * Called after a file is published and before its offsets are committed: the one moment where a crash leaves an object
 * whose records will be read again. Tests use it to crash the writer exactly there.
 */
@FunctionalInterface
public interface PublishObserver {

    PublishObserver NONE = name -> {
    };

    void published(LakeObjectName name);
}
