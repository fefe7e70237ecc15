package dev.eddy.launcher;

import dev.eddy.launcher.cli.Options;
import dev.eddy.launcher.cli.UsageException;
import dev.eddy.launcher.services.EddyService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchSettingsTest {

    @Test
    void defaultsMatchTheTeamConventions() throws UsageException {
        LaunchSettings settings = settings(List.of(), Map.of());

        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.controllerPort()).isEqualTo(9093);
        assertThat(settings.partitions()).isEqualTo(6);
        assertThat(settings.servicePorts()).containsExactlyInAnyOrderEntriesOf(Map.of(EddyService.GENERATOR, 8081,
                EddyService.ENRICHER, 8082, EddyService.AGGREGATOR, 8083, EddyService.LAKE_WRITER, 8084));
        assertThat(settings.build()).isEqualTo(LaunchSettings.Build.IF_MISSING);
        assertThat(settings.selectedServices()).isEmpty();
        assertThat(settings.brokerJavaOptions()).containsExactly("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
        assertThat(settings.serviceJavaOptions()).as("the collector the chart gives the services")
                .containsExactly("-XX:+UseG1GC");
    }

    @Test
    void aFlagWinsOverItsEnvironmentVariableWhichWinsOverTheDefault() throws UsageException {
        LaunchSettings settings = settings(List.of("--broker-port", "19092", "--partitions=3"),
                Map.of("EDDY_BROKER_PORT", "29092", "EDDY_CONTROLLER_PORT", "29093", "EDDY_LAKE_WRITER_PORT", "9184",
                        "EDDY_SERVICE_JAVA_OPTS", " -Xmx512m  -XX:+UseSerialGC "));

        assertThat(settings.brokerPort()).isEqualTo(19092);
        assertThat(settings.controllerPort()).isEqualTo(29093);
        assertThat(settings.partitions()).isEqualTo(3);
        assertThat(settings.port(EddyService.LAKE_WRITER)).isEqualTo(9184);
        assertThat(settings.serviceJavaOptions()).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
    }

    @Test
    void aBadValueNamesTheFlagOrVariableItCameFrom() {
        assertThatThrownBy(() -> settings(List.of("--partitions", "0"), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--partitions must be a whole number from 1 to 1000, got '0'");
        assertThatThrownBy(() -> settings(List.of(), Map.of("EDDY_GENERATOR_PORT", "80801")))
                .hasMessage("EDDY_GENERATOR_PORT must be a whole number from 1 to 65535, got '80801'");
        assertThatThrownBy(() -> settings(List.of("--services", "generator,enricer"), Map.of()))
                .hasMessageStartingWith("--services / EDDY_SERVICES must be 'all', 'none' or a comma-separated list")
                .hasMessageContaining("got 'generator,enricer'");
        assertThatThrownBy(() -> settings(List.of("--parttions", "3"), Map.of()))
                .hasMessage("unknown option --parttions (see ./eddy help)");
        assertThatThrownBy(() -> settings(List.of("--build", "--no-build"), Map.of()))
                .hasMessage("--build and --no-build contradict each other");
        assertThatThrownBy(() -> settings(List.of("--broker-port"), Map.of()))
                .hasMessage("--broker-port needs a value");
        assertThatThrownBy(() -> settings(List.of(), Map.of("EDDY_HOST", "0.0.0.0")))
                .hasMessageStartingWith("--host / EDDY_HOST must be an address clients can reach");
    }

    @Test
    void servicesCanBeChosen() throws UsageException {
        assertThat(settings(List.of("--services", "generator, enricher"), Map.of()).selectedServices())
                .contains(Set.of(EddyService.GENERATOR, EddyService.ENRICHER));
        assertThat(settings(List.of("--no-services"), Map.of()).selectedServices()).contains(Set.of());
        assertThat(settings(List.of(), Map.of("EDDY_SERVICES", "none")).selectedServices()).contains(Set.of());
        assertThat(settings(List.of("--services", "all"), Map.of("EDDY_SERVICES", "none")).selectedServices())
                .isEmpty();
        LaunchSettings generatorOnly = settings(List.of("--services=generator"), Map.of());
        assertThat(generatorOnly.wants(EddyService.GENERATOR)).isTrue();
        assertThat(generatorOnly.wants(EddyService.AGGREGATOR)).isFalse();
    }

    private static LaunchSettings settings(List<String> arguments, Map<String, String> environment)
            throws UsageException {
        return LaunchSettings.from(Options.parse(arguments, LaunchSettings.VALUE_OPTIONS,
                LaunchSettings.FLAG_OPTIONS), environment);
    }
}
