package dev.eddy.lake.writer;

import dev.eddy.lake.naming.LakeObjectName;
import dev.eddy.lake.parquet.ParquetSpoolFile;
import dev.eddy.lake.rolling.FileExtent;

import java.util.LinkedHashMap;
import java.util.Map;

/** A file of one topic partition being filled: its final name, the spool file, and what the roll rules need. */
final class OpenFile {

    final LakeObjectName name;
    final ParquetSpoolFile file;
    FileExtent extent;
    long lastOffset;
    long oldestRecordTimestamp;
    long lastAppendNanos;

    OpenFile(LakeObjectName name, ParquetSpoolFile file) {
        this.name = name;
        this.file = file;
    }

    void append(Object[] row, long offset, long valueBytes, long eventTime, long recordTimestamp, long nowNanos) {
        file.write(row);
        extent = extent == null ? FileExtent.first(valueBytes, eventTime) : extent.plus(valueBytes, eventTime);
        lastOffset = offset;
        oldestRecordTimestamp = extent.records() == 1 ? recordTimestamp
                : Math.min(oldestRecordTimestamp, recordTimestamp);
        lastAppendNanos = nowNanos;
    }

    /** Footer key-value metadata: where the rows came from, so any file can be traced back to its offsets. */
    Map<String, String> footer() {
        Map<String, String> footer = new LinkedHashMap<>();
        footer.put("eddy.table", name.table());
        footer.put("eddy.topic", name.topic());
        footer.put("eddy.partition", Integer.toString(name.kafkaPartition()));
        footer.put("eddy.start_offset", Long.toString(name.startOffset()));
        footer.put("eddy.end_offset", Long.toString(lastOffset));
        footer.put("eddy.records", Long.toString(extent.records()));
        footer.put("eddy.min_event_time", Long.toString(extent.minEventTime()));
        footer.put("eddy.max_event_time", Long.toString(extent.maxEventTime()));
        return footer;
    }
}
