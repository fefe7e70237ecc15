package dev.eddy.launcher.commands;

import dev.eddy.launcher.BuiltLayout;
import dev.eddy.launcher.process.JvmCommand;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.services.FakeService;
import dev.eddy.launcher.services.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ctrl-C runs the stop in the shutdown hook while the main thread also asks for it: both must finish. */
class LocalStackIT {

    @TempDir
    Path home;

    @Test
    void aSecondStopRequestWaitsForTheFirstWithoutBlockingIt() throws Exception {
        PidRegistry registry = new PidRegistry(home.resolve("pids"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LocalStack stack = new LocalStack(registry, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
        // A child that ignores SIGTERM keeps the first stop busy for its whole grace period.
        ServiceProcess stubborn = ServiceProcess.start(new ServiceProcess.Launch("stubborn", 0,
                JvmCommand.mainClass(BuiltLayout.testClassPath(), FakeService.class.getName(), List.of("stubborn")),
                home, home.resolve("stubborn.log")), registry);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(stubborn.log()).contains("ready"));
            stack.add(stubborn);

            CompletableFuture<Void> hook = CompletableFuture.runAsync(stack::stop);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> bytes.toString(StandardCharsets.UTF_8).contains("Stopping stubborn"));
            CompletableFuture<Void> main = CompletableFuture.runAsync(stack::stop);

            // The grace period is 3 s, then SIGKILL: both callers return soon after (a deadlock never would).
            CompletableFuture.allOf(hook, main).get(30, TimeUnit.SECONDS);
            assertThat(stubborn.isAlive()).isFalse();
            assertThat(bytes.toString(StandardCharsets.UTF_8))
                    .contains("stubborn did not stop within 3 s and was killed", "Eddy stopped.");
        } finally {
            ProcessHandle.of(stubborn.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
