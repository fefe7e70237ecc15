package dev.eddy.lake.bench;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The sustained rate, without JVM start-up, JIT warm-up, the group join and the final idle flush: watches the writer's
 * {@code records.read} counter (records taken from Kafka into open files, committed or not) every 10 ms and reports
 * the rate and the writer's CPU per record between the moment {@value #WARM_UP_SHARE} of the input was read and the
 * moment all of it was.
 */
final class SteadyState extends Thread {

    static final double WARM_UP_SHARE = 0.2;

    private final MeterRegistry meters;
    private final long records;
    private volatile long fromNanos = -1;
    private volatile long fromCpu;
    private volatile double fromRecords;
    private volatile long toNanos = -1;
    private volatile long toCpu;
    private volatile double toRecords;

    SteadyState(MeterRegistry meters, long records) {
        super("steady-state-sampler");
        setDaemon(true);
        this.meters = meters;
        this.records = records;
    }

    @Override
    public void run() {
        while (!isInterrupted()) {
            double read = meters.find("eddy.lake.writer.records.read").counters().stream()
                    .mapToDouble(counter -> counter.count()).sum();
            if (fromNanos < 0 && read >= WARM_UP_SHARE * records) {
                fromCpu = WriterUnderTest.processCpuNanos();
                fromNanos = System.nanoTime();
                fromRecords = read;
            }
            if (read >= records) {
                toCpu = WriterUnderTest.processCpuNanos();
                toNanos = System.nanoTime();
                toRecords = read;
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    String describe() {
        if (fromNanos < 0 || toNanos < 0) {
            return "steady state: not measured (the writer has no records.read counter, or never read all records)";
        }
        double n = toRecords - fromRecords;
        double seconds = (toNanos - fromNanos) / 1e9;
        return String.format("steady state (records read from %.0f %% to 100 %% of the input, %,.0f records in %.2f s):"
                        + " %,.0f records/s, writer CPU %.1f µs per record", WARM_UP_SHARE * 100, n, seconds,
                n / seconds, (toCpu - fromCpu) / 1e3 / n);
    }
}
