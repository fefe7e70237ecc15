package dev.eddy.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PortCheckTest {

    @Test
    void aPortInUseGivesOneLineNamingThePortItsPurposeAndHowToMoveIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Optional<String> conflict = PortCheck.firstConflict("127.0.0.1", List.of(
                    new PortCheck.PortNeed(port, "Kafka broker", "--broker-port", "EDDY_BROKER_PORT")));

            assertThat(conflict).hasValueSatisfying(message -> assertThat(message)
                    .doesNotContain("\n")
                    .startsWith("Port " + port + " on 127.0.0.1 (Kafka broker) is already in use")
                    .contains("--broker-port", "EDDY_BROKER_PORT"));
        }
    }

    @Test
    void freePortsPass() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThat(PortCheck.inUse("127.0.0.1", port)).isFalse();
        assertThat(PortCheck.firstConflict("127.0.0.1", List.of(
                new PortCheck.PortNeed(port, "generator", "--generator-port", "EDDY_GENERATOR_PORT")))).isEmpty();
    }

    @Test
    void thePortGivenToTwoThingsIsReportedBeforeAnythingStarts() {
        Optional<String> conflict = PortCheck.firstConflict("127.0.0.1", List.of(
                new PortCheck.PortNeed(1, "Kafka broker", "--broker-port", "EDDY_BROKER_PORT"),
                new PortCheck.PortNeed(1, "generator", "--generator-port", "EDDY_GENERATOR_PORT")));

        assertThat(conflict).hasValue("Port 1 is configured twice: for the Kafka broker and for the generator; "
                + "choose another with --generator-port or EDDY_GENERATOR_PORT.");
    }
}
