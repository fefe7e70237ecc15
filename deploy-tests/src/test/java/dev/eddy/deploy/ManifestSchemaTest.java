package dev.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every k8s/ file and every manifest the chart renders, validated in strict mode against the Kubernetes,
 * Prometheus-operator and Strimzi (kafka.strimzi.io/v1) schemas, then against the policies.
 */
class ManifestSchemaTest {

    static Stream<String> valueSets() {
        return HelmChart.VALUE_SETS.keySet().stream();
    }

    static List<Manifest> k8sManifests() {
        return Manifests.ofFiles(Repo.files(Repo.K8S, ".yaml", ".yml"));
    }

    @Test
    void k8sFilesMatchTheirSchemas() {
        List<Manifest> manifests = k8sManifests();
        assertThat(manifests).extracting(Manifest::kind).contains("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");
        assertThat(validate(manifests)).isEmpty();
    }

    @ParameterizedTest(name = "rendered chart with {0} matches its schemas")
    @MethodSource("valueSets")
    void renderedChartMatchesItsSchemas(String valueSet) {
        assertThat(validate(HelmChart.rendered(valueSet))).isEmpty();
    }

    @ParameterizedTest(name = "rendered chart with {0} follows the policies")
    @MethodSource("valueSets")
    void renderedChartFollowsThePolicies(String valueSet) {
        List<Manifest> manifests = HelmChart.rendered(valueSet);
        assertThat(Policies.containers(manifests)).isNotEmpty();
        assertThat(Policies.check(manifests)).isEmpty();
    }

    @ParameterizedTest(name = "rendered chart with {0}: every workload is isolated by a NetworkPolicy")
    @MethodSource("valueSets")
    void everyWorkloadIsSelectedByANetworkPolicy(String valueSet) {
        List<Manifest> manifests = HelmChart.rendered(valueSet);
        List<JsonNode> selectors = manifests.stream().filter(m -> m.kind().equals("NetworkPolicy"))
                .map(m -> m.body().at("/spec/podSelector/matchLabels")).toList();
        manifests.stream().filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet")).forEach(w -> {
            JsonNode labels = w.body().at("/spec/template/metadata/labels");
            assertThat(selectors).as("%s: no NetworkPolicy selects its pods", w.describe()).anySatisfy(selector -> {
                assertThat(selector.size()).isPositive();
                selector.fields().forEachRemaining(label -> assertThat(labels.path(label.getKey()).asText())
                        .isEqualTo(label.getValue().asText()));
            });
        });
    }

    @Test
    void k8sFilesFollowThePolicies() {
        assertThat(Policies.check(k8sManifests())).isEmpty();
    }

    @Test
    void strimziResourcesUseTheV1Api() {
        List<Manifest> all = new ArrayList<>(k8sManifests());
        all.addAll(HelmChart.rendered("examples/all-features.yaml"));
        assertThat(all).filteredOn(m -> m.apiVersion().startsWith("kafka.strimzi.io"))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.apiVersion()).as(m.describe()).isEqualTo("kafka.strimzi.io/v1"));
    }

    static List<String> validate(List<Manifest> manifests) {
        List<String> findings = new ArrayList<>();
        manifests.forEach(m -> findings.addAll(SchemaCatalog.get().validate(m)));
        findings.forEach(f -> System.out.println("[schema] " + f));
        return findings;
    }
}
