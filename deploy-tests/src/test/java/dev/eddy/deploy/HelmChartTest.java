package dev.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** helm lint --strict and helm template of helm/eddy with each value set; bad values fail at render time. */
class HelmChartTest {

    static Stream<String> valueSets() {
        return HelmChart.VALUE_SETS.keySet().stream();
    }

    @ParameterizedTest(name = "helm lint --strict with {0}")
    @MethodSource("valueSets")
    void lintsCleanly(String valueSet) {
        LintResult result = HelmChart.lint(HelmChart.VALUE_SETS.get(valueSet));
        result.getMessages().forEach(m -> System.out.println("[helm lint, " + valueSet + "] " + m));
        assertThat(result.isFailed()).as("helm lint --strict with %s: %s", valueSet, result.getMessages()).isFalse();
    }

    @ParameterizedTest(name = "helm template with {0} renders all four services")
    @MethodSource("valueSets")
    void rendersEveryEnabledService(String valueSet) {
        List<Manifest> manifests = HelmChart.rendered(valueSet);
        assertThat(manifests).extracting(m -> m.kind() + "/" + m.name())
                .contains("StatefulSet/eddy-aggregator", "Service/eddy-aggregator-headless",
                        "PodDisruptionBudget/eddy-aggregator", "Deployment/eddy-enricher", "Deployment/eddy-lake-writer");
    }

    @Test
    void defaultsCreateTopicsButNeitherUsersNorACluster() {
        List<Manifest> manifests = HelmChart.rendered("default values");
        assertThat(manifests).filteredOn(m -> m.kind().equals("KafkaTopic")).hasSize(15);
        assertThat(manifests).noneMatch(m -> m.kind().equals("KafkaUser") || m.kind().equals("Kafka"));
    }

    @Test
    void allFeaturesRenderClusterUsersAndMonitoring() {
        List<Manifest> manifests = HelmChart.rendered("examples/all-features.yaml");
        assertThat(manifests).extracting(Manifest::kind).contains("Kafka", "KafkaNodePool", "KafkaUser",
                "ServiceMonitor", "PodMonitor", "PrometheusRule", "ConfigMap", "NetworkPolicy");
    }

    @Test
    void hooksAreRenderedAndCheckedToo() {
        List<Manifest> manifests = HelmChart.rendered("default values");
        assertThat(manifests).filteredOn(m -> m.body().path("metadata").path("annotations").has(HelmChart.RENDERED_HOOK))
                .extracting(m -> m.kind() + "/" + m.name())
                .containsExactlyInAnyOrder("Pod/eddy-test-api", "Job/eddy-seed-status-codes");
        assertThat(Repo.read(Repo.CHART.resolve("templates/tests/api-test.yaml"))).contains("helm.sh/hook: test");
        assertThat(Repo.read(Repo.CHART.resolve("templates/status-codes-job.yaml")))
                .contains("helm.sh/hook: post-install");
    }

    @Test
    void seedJobWritesEveryStatusCodeAsTheEnrichersTableReadsIt() {
        Manifest job = HelmChart.rendered("default values").stream()
                .filter(m -> m.name().equals("eddy-seed-status-codes")).findFirst().orElseThrow();
        String script = job.body().at("/spec/template/spec/containers/0/command/2").asText();
        assertThat(script).contains("--topic clickstream.status-codes")
                .contains("404|{\"code\":404,\"definition\":\"Page not found\"}")
                .contains("seeded 29 status codes");
    }

    @Test
    void refusesTheLatestTag() {
        assertThatThrownBy(() -> HelmChart.template(null, Map.of("image.tag", "latest")))
                .hasMessageContaining("latest");
    }

    @Test
    void refusesSaslWithoutACredentialSecret() {
        assertThatThrownBy(() -> HelmChart.template(null, Map.of("kafka.security.protocol", "SASL_SSL")))
                .hasMessageContaining("is required with kafka.security.protocol SASL_SSL");
    }

    @Test
    void refusesAnUnknownValueKeyThroughValuesSchema() {
        assertThatThrownBy(() -> HelmChart.template(null, Map.of("aggregator.replica", "3")))
                .hasMessageContaining("replica");
    }

    @Test
    void everyServiceRunsTheGarbageCollectorTheBenchmarksMeasured() {
        List<Manifest> manifests = Manifests.ofHelmOutput("[defaults]", HelmChart.template(null, Map.of()));
        List<Policies.ContainerRef> services = Policies.containers(manifests).stream()
                .filter(c -> Policies.env(c.container(), "JAVA_OPTS_APPEND") != null).toList();
        assertThat(services).as("containers of Eddy's images").hasSizeGreaterThanOrEqualTo(4);
        assertThat(services).allSatisfy(c -> {
            // The images' run-java.sh puts this variable's collector on the command line instead of ParallelGC; a
            // second collector among the appended options would stop the JVM at start.
            assertThat(Policies.env(c.container(), "GC_CONTAINER_OPTIONS")).as(c.describe()).isEqualTo("-XX:+UseG1GC");
            assertThat(Policies.env(c.container(), "JAVA_OPTS_APPEND")).as(c.describe())
                    .doesNotContainPattern("-XX:\\+Use\\w+GC");
        });
    }

    @Test
    void existingClusterBootstrapServersReachEveryService() {
        String rendered = HelmChart.template(null, Map.of("kafka.bootstrapServers", "kafka-0.example:9092,kafka-1.example:9092",
                "strimzi.topics.enabled", "false"));
        List<Manifest> manifests = Manifests.ofHelmOutput("[existing cluster]", rendered);
        assertThat(manifests).noneMatch(m -> m.apiVersion().startsWith("kafka.strimzi.io"));
        assertThat(Policies.containers(manifests)).allSatisfy(c -> {
            if (!c.manifest().kind().equals("Pod")) { // the helm test pod talks HTTP only
                assertThat(Policies.env(c.container(), "KAFKA_BOOTSTRAP_SERVERS"))
                        .as(c.describe()).isEqualTo("kafka-0.example:9092,kafka-1.example:9092");
            }
        });
    }

}
