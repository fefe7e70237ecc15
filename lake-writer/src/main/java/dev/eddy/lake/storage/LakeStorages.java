package dev.eddy.lake.storage;

import dev.eddy.lake.config.WriterSettings;

/** Opens the storage a root names. */
public final class LakeStorages {

    private LakeStorages() {
    }

    public static LakeStorage open(WriterSettings settings) {
        if (settings.root() instanceof LakeRoot.S3Location s3) {
            return new S3Storage(S3Storage.defaultClient(settings.s3()), s3, settings.s3());
        }
        return new LocalFolderStorage(((LakeRoot.LocalFolder) settings.root()).folder());
    }
}
