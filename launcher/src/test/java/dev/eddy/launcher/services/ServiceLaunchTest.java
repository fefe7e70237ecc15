package dev.eddy.launcher.services;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLaunchTest {

    private static final Path REPO = Path.of("/repo");
    private static final ServiceEnvironment ENVIRONMENT = new ServiceEnvironment(REPO, "127.0.0.1:19092",
            "127.0.0.1", Map.of(EddyService.GENERATOR, 18081, EddyService.ENRICHER, 18082,
            EddyService.AGGREGATOR, 18083, EddyService.LAKE_WRITER, 18084), Path.of("/repo/.eddy/logs"),
            Path.of("/repo/.eddy/lake"), Path.of("/repo/.eddy/state"), List.of("-Xmx512m"),
            Optional.of(Path.of("/repo/launcher/target/eddy-launcher-watchdog.jar")));

    @Test
    void everyServiceGetsTheBrokerItsPortAndItsLogAndRunsItsQuarkusJar() {
        ServiceProcess.Launch launch = ServiceProcess.launchOf(EddyService.GENERATOR, ENVIRONMENT);

        assertThat(launch.name()).isEqualTo("generator");
        assertThat(launch.port()).isEqualTo(18081);
        assertThat(launch.log()).isEqualTo(Path.of("/repo/.eddy/logs/generator.log"));
        List<String> line = launch.command().toCommandLine("42:1000");
        assertThat(line.get(1)).isEqualTo("-javaagent:/repo/launcher/target/eddy-launcher-watchdog.jar=42:1000");
        assertThat(line).contains("-Xmx512m", "-Dkafka.bootstrap.servers=127.0.0.1:19092",
                "-Dquarkus.http.port=18081", "-Dquarkus.http.host=127.0.0.1");
        assertThat(line.subList(line.size() - 2, line.size()))
                .containsExactly("-jar", "/repo/generator/target/quarkus-app/quarkus-run.jar");
        assertThat(String.join(" ", line)).doesNotContain("kafka-streams", "lake-writer.root");
    }

    @Test
    void streamsAppsKeepStateUnderTheDataFolderAndTheLakeWriterWritesToTheLocalLake() {
        assertThat(ServiceProcess.systemProperties(EddyService.AGGREGATOR, ENVIRONMENT)).containsEntry(
                        "quarkus.kafka-streams.bootstrap-servers", "127.0.0.1:19092")
                .containsEntry("kafka-streams.state.dir", "/repo/.eddy/state/aggregator")
                .containsEntry("eddy.aggregator.advertised-host", "127.0.0.1");
        assertThat(ServiceProcess.systemProperties(EddyService.ENRICHER, ENVIRONMENT))
                .containsEntry("kafka-streams.state.dir", "/repo/.eddy/state/enricher");
        assertThat(ServiceProcess.systemProperties(EddyService.LAKE_WRITER, ENVIRONMENT))
                .containsEntry("eddy.lake-writer.root", "/repo/.eddy/lake")
                .doesNotContainKey("kafka-streams.state.dir");
    }

    @Test
    void onlyModulesWithSourcesAreBuiltAndOnlyWhenTheirJarIsMissingUnlessForced(@TempDir Path repo)
            throws IOException {
        Files.createDirectories(repo.resolve("generator/src/main/java"));
        Files.createDirectories(repo.resolve("enricher/src/main/java"));
        Files.createDirectories(repo.resolve("enricher/target/quarkus-app"));
        Files.writeString(repo.resolve("enricher/target/quarkus-app/quarkus-run.jar"), "built");
        Files.createDirectories(repo.resolve("aggregator"));  // a placeholder module: a pom, no sources
        List<EddyService> all = List.of(EddyService.values());

        assertThat(ServiceBuild.toBuild(repo, all, false)).containsExactly(EddyService.GENERATOR);
        assertThat(ServiceBuild.toBuild(repo, all, true)).containsExactly(EddyService.GENERATOR,
                EddyService.ENRICHER);
        assertThat(ServiceBuild.command(repo, List.of(EddyService.GENERATOR, EddyService.LAKE_WRITER)))
                .containsExactly(repo.resolve("mvnw").toString(), "-q", "-B", "--fail-at-end", "package",
                        "-DskipTests", "-am", "-pl", "generator,lake-writer");
    }
}
