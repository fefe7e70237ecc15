package dev.eddy.launcher.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @Test
    void errorsSinceGivesEachErrorWithItsExceptionMessageAndCausesButNoStackFrames(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("kafka.log");
        String earlierRun = "2026-01-01T00:00:00.000+0000 [main] ERROR old - from an earlier run\n";
        Files.writeString(log, earlierRun
                + "2026-01-01T00:00:01.000+0000 [main] INFO kafka.Kafka - starting\n"
                + "2026-01-01T00:00:02.000+0000 [main] ERROR kafka.network.DataPlaneAcceptor - Unable to start\n"
                + "org.apache.kafka.common.KafkaException: Socket server failed to bind: Address already in use.\n"
                + "\tat org.apache.kafka.server.ServerSocketFactory.openServerSocket(ServerSocketFactory.java:56)\n"
                + "Caused by: java.net.BindException: Address already in use\n"
                + "\tat java.base/sun.nio.ch.Net.bind0(Native Method)\n"
                + "2026-01-01T00:00:03.000+0000 [main] INFO kafka.server.BrokerServer - shutting down\n"
                + "2026-01-01T00:00:04.000+0000 [main] ERROR kafka.Kafka$ -  FATAL Exiting Kafka\n");

        assertThat(LogTail.errorsSince(log, earlierRun.length(), 10)).containsExactly(
                "2026-01-01T00:00:02.000+0000 [main] ERROR kafka.network.DataPlaneAcceptor - Unable to start",
                "org.apache.kafka.common.KafkaException: Socket server failed to bind: Address already in use.",
                "Caused by: java.net.BindException: Address already in use",
                "2026-01-01T00:00:04.000+0000 [main] ERROR kafka.Kafka$ -  FATAL Exiting Kafka");
        assertThat(LogTail.errorsSince(log, earlierRun.length(), 2)).hasSize(2);
        assertThat(LogTail.last(log, 1)).containsExactly(
                "2026-01-01T00:00:04.000+0000 [main] ERROR kafka.Kafka$ -  FATAL Exiting Kafka");
    }
}
