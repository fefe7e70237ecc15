package dev.eddy.lake.parquet;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A plain local file as Parquet's output, without Hadoop's FileSystem: the file is assembled here and published (renamed
 * or uploaded) only once complete. Tracks how many bytes already left memory, and syncs to disk on close so a
 * published file survives a power loss.
 */
final class SpoolOutputFile implements OutputFile {

    private final Path path;
    private volatile long written;

    SpoolOutputFile(Path path) {
        this.path = path;
    }

    long bytesWritten() {
        return written;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        FileOutputStream file = new FileOutputStream(path.toFile());
        BufferedOutputStream buffered = new BufferedOutputStream(file, 256 * 1024);
        return new PositionOutputStream() {
            private long position;

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void write(int b) throws IOException {
                buffered.write(b);
                position++;
                written = position;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                buffered.write(bytes, offset, length);
                position += length;
                written = position;
            }

            @Override
            public void flush() throws IOException {
                buffered.flush();
            }

            @Override
            public void close() throws IOException {
                buffered.flush();
                file.getFD().sync();
                buffered.close();
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }
}
