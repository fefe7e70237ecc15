package dev.eddy.aggregator.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the browser test (src/test/browser/dashboard.spec.mjs) with Node and Debian's Chromium: installs its locked
 * npm dependencies (playwright-core only, which downloads no browser) into target/, then runs the spec against a URL.
 * A missing Chromium or Node fails the test naming what to install: the check is never skipped silently.
 */
final class BrowserRun {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path SOURCES = Path.of("src/test/browser");
    private static final Path WORK = Path.of("target/dashboard-browser");
    static final Path SCREENSHOT = Path.of("target/dashboard.png");

    record Result(int exitCode, String output, JsonNode result, Path screenshot) {
    }

    private BrowserRun() {
    }

    static Result dashboardSpec(String url) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("the dashboard browser test needs Chromium at " + CHROMIUM
                    + ": install it with `apt-get install -y chromium` (or set CHROMIUM to its path)");
        }
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "dashboard.spec.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Execution install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 180);
        if (install.exitCode != 0) {
            throw new AssertionError("`npm ci` in " + WORK + " failed (exit " + install.exitCode + "):\n"
                    + install.output);
        }
        Files.deleteIfExists(SCREENSHOT);
        Execution spec = run(List.of("node", "dashboard.spec.mjs", url, SCREENSHOT.toAbsolutePath().toString()), 90);
        JsonNode shown = null;
        for (String line : spec.output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                shown = new ObjectMapper().readTree(line.substring("RESULT ".length()));
            }
        }
        return new Result(spec.exitCode, spec.output, shown, SCREENSHOT);
    }

    private record Execution(int exitCode, String output) {
    }

    private static Execution run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).directory(WORK.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("the dashboard browser test needs `" + command.get(0) + "` (Node.js 18+ with "
                    + "npm) on PATH: " + e.getMessage(), e);
        }
        // The output is small (a result line or failure messages); read it fully, bounded by the process timeout.
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        try {
            return new Execution(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Execution(process.exitValue(), "(output unreadable: " + e + ")");
        }
    }
}
