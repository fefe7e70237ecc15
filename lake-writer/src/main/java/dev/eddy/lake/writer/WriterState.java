package dev.eddy.lake.writer;

/** What the health check reports about the writer loop. */
public record WriterState(Phase phase, String detail) {

    public enum Phase { STARTING, RUNNING, RECOVERING, STOPPED }

    static WriterState of(Phase phase, String detail) {
        return new WriterState(phase, detail);
    }
}
