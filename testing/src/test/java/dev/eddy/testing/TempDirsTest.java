package dev.eddy.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TempDirsTest {

    @Test
    void deleteRemovesTheFolderWithEverythingUnderIt() throws Exception {
        Path root = TempDirs.create("eddy-tempdirs-test");
        assertThat(root.getFileName().toString()).startsWith("eddy-tempdirs-test");
        Files.createDirectories(root.resolve("app/0_1/rocksdb"));
        Files.writeString(root.resolve("app/0_1/rocksdb/000001.sst"), "data");
        Files.writeString(root.resolve("top.lock"), "");

        TempDirs.delete(root);

        assertThat(root).doesNotExist();
    }

    @Test
    void deleteRemovesALinkWithoutTouchingWhatItPointsTo(@TempDir Path elsewhere) throws Exception {
        Path kept = Files.writeString(elsewhere.resolve("kept.txt"), "keep me");
        Path root = TempDirs.create("eddy-tempdirs-test");
        Files.createSymbolicLink(root.resolve("link"), elsewhere);

        TempDirs.delete(root);

        assertThat(root).doesNotExist();
        assertThat(kept).hasContent("keep me");
    }

    @Test
    void aMissingOrNullFolderIsNotAnError() {
        Path root = TempDirs.create("eddy-tempdirs-test");
        TempDirs.delete(root);

        assertThatNoException().isThrownBy(() -> TempDirs.delete(root));
        assertThatNoException().isThrownBy(() -> TempDirs.delete(null));
    }
}
