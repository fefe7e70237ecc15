package dev.eddy.lake.storage;

import dev.eddy.lake.naming.LakeObjectName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The lake in a local folder. Files are assembled under {@code <root>/_tmp} (same file system, ignored by Hive-style
 * readers because of the leading underscore) and renamed into place atomically.
 */
public final class LocalFolderStorage implements LakeStorage {

    private final Path root;

    public LocalFolderStorage(Path root) {
        this.root = root;
    }

    @Override
    public void publish(Path file, LakeObjectName name) {
        Path target = root.resolve(name.relativePath());
        try {
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot publish " + target, e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
