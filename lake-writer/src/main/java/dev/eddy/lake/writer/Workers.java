package dev.eddy.lake.writer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that decode and encode records, one task per polled partition batch: JSON decoding and Parquet encoding are
 * CPU-bound and partitions share nothing, so the lanes of several partitions use every core while the writer's own
 * thread keeps polling, publishing and committing.
 */
final class Workers implements AutoCloseable {

    private final ExecutorService pool;

    Workers(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "eddy-lake-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code task} after everything already queued on {@code lane}: one partition's batches stay in order. */
    CompletableFuture<Void> after(CompletableFuture<Void> lane, Runnable task) {
        return lane.thenRunAsync(task, pool);
    }

    /** Waits until {@code lane} has run everything queued on it; its failure is rethrown as it was thrown. */
    static void await(CompletableFuture<Void> lane) {
        try {
            lane.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    /** True when {@code lane} has nothing queued; rethrows its failure. */
    static boolean idle(CompletableFuture<Void> lane) {
        if (!lane.isDone()) {
            return false;
        }
        await(lane);
        return true;
    }

    private static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
