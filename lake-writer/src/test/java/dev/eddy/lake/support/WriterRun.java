package dev.eddy.lake.support;

import dev.eddy.lake.writer.LakeWriter;

import java.util.concurrent.atomic.AtomicReference;

/** A lake writer running on its own thread, as the service runs it; remembers how the thread ended. */
public final class WriterRun implements AutoCloseable {

    private final LakeWriter writer;
    private final Thread thread;
    private final AtomicReference<Throwable> death = new AtomicReference<>();

    public WriterRun(LakeWriter writer) {
        this.writer = writer;
        this.thread = new Thread(writer, "lake-writer-under-test");
        this.thread.setUncaughtExceptionHandler((t, e) -> death.set(e));
        this.thread.start();
    }

    public LakeWriter writer() {
        return writer;
    }

    public boolean alive() {
        return thread.isAlive();
    }

    public Throwable death() {
        return death.get();
    }

    public void join() throws InterruptedException {
        thread.join(60_000);
    }

    @Override
    public void close() throws InterruptedException {
        writer.stop();
        thread.join(60_000);
    }
}
