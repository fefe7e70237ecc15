package dev.eddy.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The terraform binary, when one is on PATH, run with a deadline and its output captured. */
final class TerraformBinary {

    record Result(int exitCode, String output) {
    }

    private TerraformBinary() {
    }

    static Path find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "terraform");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static Result run(Path binary, Path workDir, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("TF_IN_AUTOMATION", "1");
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        builder.environment().put("TF_PLUGIN_CACHE_DIR", pluginCache().toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** terraform init's message when the registry cannot be reached (no network, no mirror). */
    static boolean isOffline(String initOutput) {
        return initOutput.contains("could not connect to registry") || initOutput.contains("no such host")
                || initOutput.contains("Failed to query available provider packages");
    }

    /** A copy of the whole terraform/ tree under target/, so init never writes .terraform into the repository. */
    static Path workingCopy(Path moduleDir) throws IOException {
        Path root = Path.of("target", "terraform-validate").toAbsolutePath();
        Path copyRoot = root.resolve("terraform");
        if (!Files.exists(copyRoot)) {
            try (Stream<Path> walk = Files.walk(Repo.TERRAFORM)) {
                for (Path source : (Iterable<Path>) walk::iterator) {
                    if (source.toString().contains("/.terraform")) {
                        continue;
                    }
                    Path target = copyRoot.resolve(Repo.TERRAFORM.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return copyRoot.resolve(Repo.TERRAFORM.relativize(moduleDir).toString());
    }

    private static Path pluginCache() throws IOException {
        return Files.createDirectories(Path.of("target", "terraform-plugin-cache").toAbsolutePath());
    }
}
