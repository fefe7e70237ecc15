package dev.eddy.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the deployment files live, and how findings name them (relative to the repository root). */
final class Repo {

    static final Path ROOT = Path.of(System.getProperty("eddy.repo.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path CHART = ROOT.resolve("helm/eddy");
    static final Path TERRAFORM = ROOT.resolve("terraform");
    static final Path OPERATIONS_DOC = ROOT.resolve("docs/operations.md");
    static final Path SCHEMAS = Path.of(System.getProperty("eddy.schemas.dir", "target/schemas"));

    private Repo() {
    }

    static String relative(Path path) {
        return ROOT.relativize(path.toAbsolutePath().normalize()).toString();
    }

    /** Files under {@code dir} whose names end with one of the suffixes, sorted, skipping .terraform caches. */
    static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/.terraform/"))
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
