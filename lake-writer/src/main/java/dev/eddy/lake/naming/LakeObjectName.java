package dev.eddy.lake.naming;

/**
 * Where a file lives in the lake, relative to the root:
 * {@code <table>/dt=YYYY-MM-DD/hr=HH/<topic>+<partition>+<startOffset>.parquet}. The name is a function of the
 * file's first record alone (its topic, partition, offset and event time), which is what makes a replay overwrite the
 * object instead of adding a second copy.
 */
public record LakeObjectName(String table, HourPartition partition, String topic, int kafkaPartition,
                             long startOffset) {

    public static final String SUFFIX = ".parquet";

    public String fileName() {
        return topic + "+" + kafkaPartition + "+" + startOffset + SUFFIX;
    }

    public String relativePath() {
        return table + "/" + partition.path() + "/" + fileName();
    }

    @Override
    public String toString() {
        return relativePath();
    }
}
