package dev.eddy.launcher.services;

import dev.eddy.launcher.process.JvmCommand;
import dev.eddy.launcher.process.PidRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the launcher in the watchdog test: starts one {@link FakeService} the way ./eddy up starts services
 * (own session, parent watchdog), prints the child's PID, then waits to be killed.
 * Arguments: pids folder, log file, class path, watchdog jar.
 */
public final class FakeLauncher {

    private FakeLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path pids = Path.of(args[0]);
        Path log = Path.of(args[1]);
        JvmCommand command = JvmCommand.mainClass(args[2], FakeService.class.getName(), List.of())
                .withWatchdog(Path.of(args[3]));
        ServiceProcess child = ServiceProcess.start(new ServiceProcess.Launch("fake", 0, command,
                log.getParent(), log), new PidRegistry(pids));
        System.out.println("child " + child.pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
