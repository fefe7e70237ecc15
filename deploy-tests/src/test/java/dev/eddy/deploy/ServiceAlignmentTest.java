package dev.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart against the services' own configuration (each module's application.properties): ports, the Kafka
 * Streams application ids its ACLs are built on, the settings the chart sets by name, and image coordinates.
 */
class ServiceAlignmentTest {

    static Stream<Arguments> services() {
        return Stream.of(Arguments.of("generator", "generator"), Arguments.of("enricher", "enricher"),
                Arguments.of("aggregator", "aggregator"), Arguments.of("lake-writer", "lakeWriter"));
    }

    private static Properties properties(String service) {
        Path file = Repo.ROOT.resolve(service).resolve("src/main/resources/application.properties");
        assertThat(file).as("%s configuration", service).exists();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repo.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static JsonNode chartValues() {
        try {
            return Manifests.YAML.readTree(Repo.CHART.resolve("values.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} listens where the chart probes it")
    @MethodSource("services")
    void httpPortMatchesTheChart(String service, String valuesKey) {
        assertThat(properties(service).getProperty("quarkus.http.port"))
                .as("%s/src/main/resources/application.properties quarkus.http.port vs helm/eddy/values.yaml %s.port",
                        service, valuesKey)
                .isEqualTo(chartValues().path(valuesKey).path("port").asText());
    }

    @ParameterizedTest(name = "{0} image coordinates follow <registry>/eddy-<service>:<appVersion>")
    @MethodSource("services")
    void imageCoordinatesMatchTheChart(String service, String valuesKey) {
        Properties properties = properties(service);
        String name = properties.getProperty("quarkus.container-image.name");
        String registry = properties.getProperty("quarkus.container-image.registry");
        String group = properties.getProperty("quarkus.container-image.group");
        if (name == null && registry == null && group == null) {
            System.out.println("[images] NOT CHECKED " + service + ": no quarkus.container-image.* settings yet;"
                    + " the chart expects " + chartValues().path("image").path("registry").asText() + "/eddy-"
                    + service + ":<chart appVersion>");
            return;
        }
        assertThat(name).as("%s quarkus.container-image.name", service).isEqualTo("eddy-" + service);
        assertThat(registry + "/" + group).as("%s quarkus.container-image.registry/group", service)
                .isEqualTo(chartValues().path("image").path("registry").asText());
        assertThat(properties.getProperty("quarkus.container-image.build", "false"))
                .as("%s: image build stays off by default (no Docker here)", service).isEqualTo("false");
    }

    @Test
    void kafkaStreamsApplicationIdsAreTheAclPrefixes() {
        for (String service : new String[] {"enricher", "aggregator"}) {
            assertThat(properties(service).getProperty("quarkus.kafka-streams.application-id"))
                    .as("%s application.id: the KafkaUser ACL prefixes (topics, group, transactional ids) use it",
                            service)
                    .isEqualTo("eddy-" + service);
        }
    }

    @Test
    void statefulSettingsTheChartSetsAreTheOnesTheServicesRead() {
        assertThat(properties("aggregator").getProperty("quarkus.kafka-streams.application-server"))
                .as("aggregator application.server is built from EDDY_AGGREGATOR_ADVERTISED_HOST")
                .contains("${eddy.aggregator.advertised-host}");
        assertThat(properties("aggregator").getProperty("kafka-streams.num.standby.replicas"))
                .as("aggregator standby replicas come from EDDY_AGGREGATOR_STANDBY_REPLICAS")
                .contains("${eddy.aggregator.standby-replicas}");
        assertThat(properties("enricher").getProperty("kafka-streams.state.dir"))
                .as("enricher state dir comes from EDDY_ENRICHER_STATE_DIR")
                .contains("${eddy.enricher.state-dir}");
    }
}
