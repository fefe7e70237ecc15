package dev.eddy.lake.parquet;

import dev.eddy.lake.table.RecordColumns;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One Parquet file being assembled in a local spool file. Rows wait in Parquet's column buffers (at most about one row
 * group) and spill to the spool file row group by row group; {@link #finish} writes the footer.
 */
public final class ParquetSpoolFile implements AutoCloseable {

    /** Parquet's Hadoop Configuration, without reading core-default.xml/core-site.xml: nothing in it is needed. */
    private static final Configuration HADOOP_CONF = new Configuration(false);

    private final Path path;
    private final SpoolOutputFile output;
    private final RowWriteSupport writeSupport;
    private final ParquetWriter<Object[]> writer;
    private boolean closed;

    public ParquetSpoolFile(Path path, RecordColumns<?> columns, Set<String> withoutDictionary,
                            CompressionCodecName codec, long rowGroupSize) {
        this.path = path;
        this.output = new SpoolOutputFile(path);
        this.writeSupport = new RowWriteSupport(columns);
        try {
            Builder builder = new Builder(output, writeSupport);
            withoutDictionary.forEach(column -> builder.withDictionaryEncoding(column, false));
            this.writer = builder
                    .withConf(HADOOP_CONF)
                    .withCompressionCodec(codec)
                    .withRowGroupSize(rowGroupSize)
                    .withPageSize(ParquetProperties.DEFAULT_PAGE_SIZE)
                    .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    // Size statistics (Parquet 2.10 page-level byte counts) cost CPU on every value and no reader
                    // of this lake (Athena, Spark, DuckDB) plans with them yet.
                    .withSizeStatisticsEnabled(false)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Parquet file " + path, e);
        }
    }

    public void write(Object[] row) {
        try {
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + path, e);
        }
    }

    /** Bytes held in memory (column buffers not yet spilled to the spool file). */
    public long bufferedBytes() {
        return Math.max(0, writer.getDataSize() - output.bytesWritten());
    }

    /** Writes the footer with {@code metadata} and closes the file; returns its size in bytes. */
    public long finish(Map<String, String> metadata) {
        writeSupport.footer(metadata);
        try {
            closed = true;
            writer.close();
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish Parquet file " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Abandons the file: closes it if still open and deletes the spool file. */
    @Override
    public void close() {
        try {
            if (!closed) {
                closed = true;
                writer.close();
            }
        } catch (IOException | RuntimeException e) {
            // Abandoned anyway; the spool file is removed below.
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete spool file " + path, e);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final WriteSupport<Object[]> writeSupport;

        Builder(OutputFile file, WriteSupport<Object[]> writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return writeSupport;
        }
    }
}
