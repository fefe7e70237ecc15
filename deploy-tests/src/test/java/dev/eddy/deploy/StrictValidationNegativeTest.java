package dev.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proof that the checks can fail: each one is fed a manifest with a single known defect. */
class StrictValidationNegativeTest {

    private static Manifest rendered(String kind, String name) {
        return HelmChart.rendered("examples/all-features.yaml").stream()
                .filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst().orElseThrow();
    }

    private static Manifest withDefect(Manifest manifest, java.util.function.Consumer<ObjectNode> defect) {
        ObjectNode copy = manifest.body().deepCopy();
        defect.accept(copy);
        return new Manifest("[defect] " + manifest.source(), copy);
    }

    @Test
    void unknownContainerFieldIsCaught() {
        Manifest bad = withDefect(rendered("StatefulSet", "eddy-aggregator"), body -> ((ObjectNode) body
                .at("/spec/template/spec/containers/0")).put("imagePullPolcy", "Always"));
        List<String> findings = SchemaCatalog.get().validate(bad);
        assertThat(findings).singleElement().asString()
                .contains("StatefulSet/eddy-aggregator").contains("imagePullPolcy");
    }

    @Test
    void unknownFieldsInEveryOtherRenderedKindAreCaught() {
        List<Manifest> manifests = HelmChart.rendered("examples/all-features.yaml");
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (Manifest manifest : manifests) {
            if (!kinds.add(manifest.kind())) {
                continue;
            }
            Manifest bad = withDefect(manifest, body -> body.put("spek", "typo"));
            assertThat(SchemaCatalog.get().validate(bad)).as(manifest.describe()).singleElement().asString()
                    .contains(manifest.kind() + "/" + manifest.name()).contains("spek");
        }
        assertThat(kinds).contains("ServiceMonitor", "PrometheusRule", "NetworkPolicy", "ConfigMap", "Kafka");
    }

    @Test
    void unknownFieldDeepInsideAPrometheusRuleIsCaught() {
        Manifest bad = withDefect(rendered("PrometheusRule", "eddy"), body -> ((ObjectNode) body
                .at("/spec/groups/0/rules/0")).put("expression", "up == 0"));
        assertThat(SchemaCatalog.get().validate(bad)).singleElement().asString().contains("expression");
    }

    @Test
    void unknownStrimziFieldIsCaught() {
        Manifest bad = withDefect(rendered("KafkaTopic", "clickstream"),
                body -> ((ObjectNode) body.path("spec")).put("partiton", 6));
        assertThat(SchemaCatalog.get().validate(bad)).singleElement().asString()
                .contains("KafkaTopic/clickstream").contains("partiton");
    }

    @Test
    void wrongTypeInStrimziResourceIsCaught() {
        Manifest bad = withDefect(rendered("KafkaUser", "eddy-enricher"), body -> ((ObjectNode) body
                .at("/spec/authorization/acls/0/resource")).put("patternType", "wildcard"));
        assertThat(SchemaCatalog.get().validate(bad)).isNotEmpty()
                .allSatisfy(f -> assertThat(f).contains("KafkaUser/eddy-enricher"));
    }

    @Test
    void unknownKindIsCaught() {
        Manifest bad = withDefect(rendered("KafkaTopic", "clickstream"), body -> body.put("apiVersion",
                "kafka.strimzi.io/v1beta2"));
        assertThat(SchemaCatalog.get().validate(bad)).singleElement().asString().contains("no schema");
    }

    @Test
    void policyViolationsAreNamed() {
        Manifest bad = withDefect(rendered("Deployment", "eddy-enricher"), body -> {
            ObjectNode container = (ObjectNode) body.at("/spec/template/spec/containers/0");
            container.put("image", "ghcr.io/eddy-project/eddy-enricher:latest");
            container.remove("resources");
            container.remove("livenessProbe");
            ((ObjectNode) container.path("securityContext")).put("readOnlyRootFilesystem", false);
            container.withArray("env").addObject().put("name", "KAFKA_SASL_JAAS_CONFIG")
                    .put("value", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        });
        assertThat(Policies.check(List.of(bad))).allSatisfy(f -> assertThat(f)
                .contains("Deployment/eddy-enricher container 'enricher'"))
                .anySatisfy(f -> assertThat(f).contains("latest tag"))
                .anySatisfy(f -> assertThat(f).contains("no resources.requests.cpu"))
                .anySatisfy(f -> assertThat(f).contains("no livenessProbe"))
                .anySatisfy(f -> assertThat(f).contains("readOnlyRootFilesystem"))
                .anySatisfy(f -> assertThat(f).contains("KAFKA_SASL_JAAS_CONFIG carries a credential inline"));
    }
}
