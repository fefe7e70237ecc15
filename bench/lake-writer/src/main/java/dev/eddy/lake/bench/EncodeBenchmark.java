package dev.eddy.lake.bench;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.JsonCodec;
import dev.eddy.events.Topics;
import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.parquet.ParquetSpoolFile;
import dev.eddy.lake.table.LakeTable;
import dev.eddy.lake.table.RecordColumns;
import dev.eddy.lake.table.TableRegistry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The writer's own work per record without Kafka or S3, on one thread: JSON → row (decode) and row → Parquet
 * (encode), in thread CPU time after warm-up, so it can be compared before and after a change even on a busy
 * machine. Usage (bench/lake-writer/encode.sh): {@code [records] [compression] [columns without dictionary]}.
 */
public final class EncodeBenchmark {

    private static final int ROUNDS = 5;
    private static final JsonCodec<EnrichedClick> CODEC = new JsonCodec<>(EnrichedClick.class);

    public static void main(String[] args) throws Exception {
        // Outside Quarkus nothing sets log levels, and parquet-java's record consumer logs every value at DEBUG.
        org.jboss.logmanager.LogContext.getSystemLogContext().getLogger("")
                .setLevel(java.util.logging.Level.INFO);
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 250_000;
        String compression = args.length > 1 ? args[1] : "zstd";
        LakeTable<?> clicks = new TableRegistry().forTopic(Topics.ENRICHED).orElseThrow();
        RecordColumns<EnrichedClick> clickColumns = RecordColumns.of("clickstream_enriched", EnrichedClick.class);
        Set<String> withoutDictionary = args.length > 2 ? Set.of(args[2].split(",")) : clicks.uniqueColumns();

        byte[][] values = new byte[records][];
        ClickCorpus corpus = new ClickCorpus();
        long jsonBytes = 0;
        for (int i = 0; i < records; i++) {
            values[i] = corpus.next().value();
            jsonBytes += values[i].length;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path folder = Files.createTempDirectory("eddy-encode-bench");
        System.out.printf("%,d records, %s, without dictionary: %s%n", records, compression, withoutDictionary);
        for (int round = 1; round <= ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            long sink = 0;
            for (byte[] value : values) {
                sink += clicks.decode(value).eventTime();
            }
            long decoded = threads.getCurrentThreadCpuTime();
            for (byte[] value : values) {
                // The contract codec and the record's accessors: the decode path before the streaming fast path.
                EnrichedClick click = CODEC.decode(value);
                sink += click.eventTime() + clickColumns.rowOf(click).length;
            }
            long codecDecoded = threads.getCurrentThreadCpuTime();

            Path file = folder.resolve("round-" + round + ".parquet");
            long size;
            try (ParquetSpoolFile parquet = new ParquetSpoolFile(file, clicks.columns(), withoutDictionary,
                    WriterSettings.codec(compression), 16L << 20)) {
                for (byte[] value : values) {
                    parquet.write(clicks.decode(value).values());
                }
                size = parquet.finish(Map.of());
            }
            long encoded = threads.getCurrentThreadCpuTime();
            double decodeMicros = (decoded - start) / 1e3 / records;
            double codecMicros = (codecDecoded - decoded) / 1e3 / records;
            double bothMicros = (encoded - codecDecoded) / 1e3 / records;
            System.out.printf("round %d: decode %.2f µs (codec alone %.2f µs), encode %.2f µs, decode + encode"
                            + " %.2f µs per record; Parquet %.1f%% of the JSON (%d)%n", round, decodeMicros,
                    codecMicros, bothMicros - decodeMicros, bothMicros, 100.0 * size / jsonBytes, sink % 10);
            Files.deleteIfExists(file);
        }
        Files.deleteIfExists(folder);
    }
}
