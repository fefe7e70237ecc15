package dev.eddy.launcher.commands;

import dev.eddy.launcher.broker.BrokerProcess;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.process.ProcessStopper;
import dev.eddy.launcher.services.ServiceProcess;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ./eddy up} has started, and the one way to stop it: services first (in parallel, while the broker still
 * takes their last commits), the broker last, each with SIGTERM then SIGKILL after a grace period. Stopping is
 * idempotent, so the shutdown hook (Ctrl-C, {@code ./eddy down}) and the main thread can both ask for it.
 */
final class LocalStack {

    static final Duration SERVICE_GRACE = Duration.ofSeconds(30);
    static final Duration BROKER_GRACE = Duration.ofSeconds(60);

    private final PidRegistry registry;
    private final PrintStream out;
    private final Duration serviceGrace;
    private final Duration brokerGrace;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private BrokerProcess broker;
    private boolean stopping;

    LocalStack(PidRegistry registry, PrintStream out) {
        this(registry, out, SERVICE_GRACE, BROKER_GRACE);
    }

    LocalStack(PidRegistry registry, PrintStream out, Duration serviceGrace, Duration brokerGrace) {
        this.registry = registry;
        this.out = out;
        this.serviceGrace = serviceGrace;
        this.brokerGrace = brokerGrace;
    }

    synchronized void broker(BrokerProcess broker) {
        this.broker = broker;
    }

    synchronized void add(ServiceProcess service) {
        services.add(service);
    }

    synchronized List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    synchronized BrokerProcess broker() {
        return broker;
    }

    boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** Waits up to {@code timeout} for a stop request; true when one came. */
    boolean awaitStopRequest(Duration timeout) {
        try {
            return stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops everything once; a second caller waits until the first has finished. */
    void stop() {
        boolean first;
        synchronized (this) {
            first = !stopping;
            stopping = true;
        }
        if (!first) {
            awaitStopped();  // outside the lock: the first caller needs it to read the services
            return;
        }
        stopRequested.countDown();
        try {
            List<ServiceProcess> running = services().stream().filter(ServiceProcess::isAlive).toList();
            if (!running.isEmpty()) {
                out.println("Stopping " + String.join(", ", running.stream().map(ServiceProcess::name).toList())
                        + "...");
                running.forEach(ServiceProcess::requestStop);
            }
            for (ServiceProcess service : services()) {
                ProcessStopper.Outcome outcome = service.awaitStopped(serviceGrace);
                if (outcome == ProcessStopper.Outcome.KILLED) {
                    out.println(service.name() + " did not stop within " + serviceGrace.toSeconds()
                            + " s and was killed");
                }
            }
            BrokerProcess kafka = broker();
            if (kafka != null) {
                out.println("Stopping the Kafka broker...");
                if (kafka.stop(brokerGrace) == ProcessStopper.Outcome.KILLED) {
                    out.println("The broker did not stop within " + brokerGrace.toSeconds() + " s and was killed");
                }
            }
            registry.forget(PidRegistry.LAUNCHER);
            out.println("Eddy stopped. Data kept in " + registry.dir().getParent() + " (./eddy up resumes).");
        } finally {
            stopped.countDown();
        }
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
