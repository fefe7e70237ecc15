package dev.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Alerts have runbooks, dashboards are loadable by the Grafana sidecar, every service is scraped. */
class MonitoringTest {

    private static final List<Manifest> RENDERED = HelmChart.rendered("examples/all-features.yaml");

    private static List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        RENDERED.stream().filter(m -> m.kind().equals("PrometheusRule")).forEach(rule -> rule.body().path("spec")
                .path("groups").forEach(group -> group.path("rules").forEach(alerts::add)));
        return alerts;
    }

    @Test
    void theIssuesAlertsExist() {
        assertThat(alerts()).extracting(a -> a.path("alert").asText()).contains("EddyConsumerLagHigh",
                "EddyDeadLettersRate", "EddyLateRecordsRate", "EddyApiErrorRate", "EddyInstanceDown");
        assertThat(alerts()).extracting(a -> a.path("expr").asText()).anyMatch(e -> e.contains("kafka_consumergroup_lag"))
                .anyMatch(e -> e.contains("eddy_(enricher|aggregator|lake_writer)_dead_letters_total"))
                .anyMatch(e -> e.contains("eddy_aggregator_late_records_total"));
    }

    @Test
    void everyAlertHasARunbookSectionInOperationsDoc() {
        String doc = Repo.read(Repo.OPERATIONS_DOC);
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            assertThat(doc).as("docs/operations.md needs a '### %s' runbook section", name).contains("### " + name);
            assertThat(alert.path("annotations").path("runbook_url").asText()).as(name)
                    .endsWith("docs/operations.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("info", "warning", "critical");
            assertThat(alert.path("annotations").path("summary").asText()).as(name).isNotBlank();
        }
    }

    @Test
    void dashboardsAreLabelledConfigMapsOfValidGrafanaJson() throws Exception {
        List<Manifest> dashboards = RENDERED.stream().filter(m -> m.kind().equals("ConfigMap")
                && m.body().path("metadata").path("labels").path("grafana_dashboard").asText().equals("1")).toList();
        assertThat(dashboards).extracting(Manifest::name)
                .containsExactlyInAnyOrder("eddy-dashboard-business", "eddy-dashboard-pipeline-health");
        ObjectMapper json = new ObjectMapper();
        for (Manifest dashboard : dashboards) {
            dashboard.body().path("data").fields().forEachRemaining(file -> {
                JsonNode grafana;
                try {
                    grafana = json.readTree(file.getValue().asText());
                } catch (Exception e) {
                    throw new AssertionError(dashboard.describe() + ": " + file.getKey() + " is not JSON", e);
                }
                assertThat(grafana.path("uid").asText()).as(dashboard.describe()).startsWith("eddy-");
                assertThat(grafana.path("panels")).as(dashboard.describe()).isNotEmpty().allSatisfy(panel -> {
                    assertThat(panel.path("targets")).as("%s panel '%s'", dashboard.describe(), panel.path("title"))
                            .isNotEmpty();
                });
                assertThat(file.getValue().asText()).as(dashboard.describe()).doesNotContain("__EDDY_API_URL__");
            });
        }
    }

    @Test
    void everyServiceIsScrapedOnQuarkusMetricsPath() {
        List<Manifest> monitors = RENDERED.stream().filter(m -> m.kind().equals("ServiceMonitor")).toList();
        assertThat(monitors).extracting(Manifest::name).containsExactlyInAnyOrder("eddy-generator", "eddy-enricher",
                "eddy-aggregator", "eddy-lake-writer");
        assertThat(monitors).allSatisfy(m -> assertThat(m.body().at("/spec/endpoints/0/path").asText())
                .isEqualTo("/q/metrics"));
    }
}
