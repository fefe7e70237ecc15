package dev.eddy.launcher.services;

import dev.eddy.launcher.BuiltLayout;
import dev.eddy.launcher.process.JvmCommand;
import dev.eddy.launcher.process.PidFile;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.process.ProcessStopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Child processes end when asked, when stuck, and when their launcher dies: none is left behind. */
class ServiceProcessIT {

    @TempDir
    Path home;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatATestLeftBehind() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void stopEndsTheChildWithSigtermAndForgetsItsPid() {
        PidRegistry registry = new PidRegistry(home.resolve("pids"));
        ServiceProcess service = start(registry, "fake", List.of());
        awaitLogLine(service, "ready");
        assertThat(registry.find("fake")).map(PidFile::pid).contains(service.pid());

        assertThat(service.stop(Duration.ofSeconds(30))).isEqualTo(ProcessStopper.Outcome.STOPPED);

        assertGone(service.pid());
        assertThat(registry.find("fake")).isEmpty();
    }

    @Test
    void aChildStuckInShutdownIsKilledAfterTheGracePeriod() {
        PidRegistry registry = new PidRegistry(home.resolve("pids"));
        ServiceProcess service = start(registry, "stubborn", List.of("stubborn"));
        awaitLogLine(service, "ready");

        assertThat(service.stop(Duration.ofSeconds(2))).isEqualTo(ProcessStopper.Outcome.KILLED);

        assertGone(service.pid());
    }

    @Test
    void childrenOfAHardKilledLauncherExitByThemselves() throws Exception {
        Path log = home.resolve("logs").resolve("fake.log");
        Files.createDirectories(log.getParent());
        Process launcher = new ProcessBuilder(JvmCommand.currentJava().toString(), "-cp",
                BuiltLayout.testClassPath(), FakeLauncher.class.getName(), home.resolve("pids").toString(),
                log.toString(), BuiltLayout.testClassPath(), BuiltLayout.watchdogJar().toString())
                .redirectErrorStream(true).start();
        started.add(launcher.toHandle());
        long childPid;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = output.readLine();
            assertThat(line).startsWith("child ");
            childPid = Long.parseLong(line.substring("child ".length()));
        }
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        started.add(child);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("ready"));

        launcher.destroyForcibly();  // kill -9: the launcher gets no chance to stop its child

        assertGone(childPid);
        assertThat(Files.readString(log)).contains("the launcher (pid " + launcher.pid() + ") is gone");
    }

    @Test
    void theNextLauncherStopsWhatAHardKilledOneLeftBehind() {
        PidRegistry registry = new PidRegistry(home.resolve("pids"));
        // Started without the watchdog, as if the launcher had died before it could stop the child.
        ServiceProcess orphan = ServiceProcess.start(new ServiceProcess.Launch("orphan", 0,
                JvmCommand.mainClass(BuiltLayout.testClassPath(), FakeService.class.getName(), List.of()),
                home, home.resolve("orphan.log")), registry);
        started.add(ProcessHandle.of(orphan.pid()).orElseThrow());
        awaitLogLine(orphan, "ready");

        List<String> stopped = new PidRegistry(home.resolve("pids")).stopLeftovers(Duration.ofSeconds(30));

        assertThat(stopped).containsExactly("orphan (pid " + orphan.pid() + ")");
        assertGone(orphan.pid());
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void aPidFileOfAProcessThatIsGoneOrWasReplacedIsNotMistakenForALiveOne() {
        PidFile gone = new PidFile("gone", Long.MAX_VALUE / 2, 0, 0);
        assertThat(gone.liveProcess()).isEmpty();
        // This JVM's PID, but a start time far in the past: the PID was recycled.
        PidFile recycled = new PidFile("recycled", ProcessHandle.current().pid(), 1_000, 0);
        assertThat(recycled.liveProcess()).isEmpty();
        assertThat(PidFile.of("me", ProcessHandle.current(), 0).liveProcess()).isPresent();
    }

    private ServiceProcess start(PidRegistry registry, String name, List<String> arguments) {
        JvmCommand command = JvmCommand.mainClass(BuiltLayout.testClassPath(), FakeService.class.getName(),
                arguments).withWatchdog(BuiltLayout.watchdogJar());
        ServiceProcess service = ServiceProcess.start(new ServiceProcess.Launch(name, 0, command, home,
                home.resolve("logs").resolve(name + ".log")), registry);
        started.add(ProcessHandle.of(service.pid()).orElseThrow());
        return service;
    }

    private static void awaitLogLine(ServiceProcess service, String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(service.log()).contains(text));
    }

    private static void assertGone(long pid) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
    }
}
