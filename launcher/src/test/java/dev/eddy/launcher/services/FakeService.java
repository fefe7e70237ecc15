package dev.eddy.launcher.services;

import java.util.concurrent.CountDownLatch;

/**
 * A tiny stand-in for a service, run as a child JVM by the tests: prints "ready" and runs until stopped. With the
 * argument {@code stubborn} its shutdown hook never finishes, like a service stuck in shutdown, so only SIGKILL ends it.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean stubborn = args.length > 0 && args[0].equals("stubborn");
        CountDownLatch never = new CountDownLatch(1);
        if (stubborn) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        System.out.println("ready");
        System.out.flush();
        never.await();
    }
}
