package dev.eddy.generator.kafka;

import dev.eddy.testing.KafkaBrokerExtension;
import dev.eddy.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaBrokerExtension.class)
class TopicProbeTest {

    @Test
    void saysWhichTopicsAreMissing(KafkaTestClient kafka) {
        String present = KafkaTestClient.uniqueTopic("present");
        String absent = KafkaTestClient.uniqueTopic("absent");
        kafka.createTopic(present, 1);
        TopicProbe probe = new TopicProbe(new KafkaClients(Map.of("bootstrap.servers", kafka.bootstrapServers())));
        try {
            assertThat(probe.check(List.of(present), Duration.ofSeconds(5)).ok()).isTrue();
            TopicProbe.Result result = probe.check(List.of(present, absent), Duration.ofSeconds(5));
            assertThat(result.ok()).isFalse();
            assertThat(result.problem()).isEqualTo("missing topics: " + absent);
        } finally {
            probe.close();
        }
    }

    @Test
    void saysWhenKafkaDoesNotAnswer() {
        TopicProbe probe = new TopicProbe(new KafkaClients(Map.of("bootstrap.servers", "127.0.0.1:1")));
        try {
            TopicProbe.Result result = probe.check(List.of("clickstream"), Duration.ofSeconds(2));
            assertThat(result.ok()).isFalse();
            assertThat(result.problem()).containsAnyOf("did not answer", "unreachable");
        } finally {
            probe.close();
        }
    }

    @Test
    void kafkaPropertiesReachTheProducerAndOverrideItsDefaults() {
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "compression.type", "zstd", "group.id", "not-for-producers"));
        Map<String, Object> settings = clients.producerSettings();
        assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("compression.type", "zstd")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .doesNotContainKey("group.id");
    }
}
