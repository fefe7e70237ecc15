package dev.eddy.testing;

import io.strimzi.test.container.StrimziKafkaContainer;
import org.testcontainers.DockerClientFactory;

import java.util.Map;

/**
 * A Kafka broker in a container ({@code io.strimzi:strimzi-test-container}), for machines that have a Docker engine:
 * chosen with {@code -Pstrimzi} (system property {@code eddy.test.broker=strimzi}). It fails loudly when no Docker
 * engine answers, rather than letting the tests skip.
 */
final class StrimziContainerBroker implements KafkaBroker {

    private final StrimziKafkaContainer container;

    private StrimziContainerBroker(StrimziKafkaContainer container) {
        this.container = container;
    }

    static StrimziContainerBroker start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("eddy.test.broker=strimzi (Maven profile -Pstrimzi) needs a Docker engine, "
                    + "and none answers on this machine. Run without -Pstrimzi to use the embedded KRaft broker.");
        }
        StrimziKafkaContainer container = new StrimziKafkaContainer() // KRaft is the only mode since Strimzi test container 0.110
                .withKafkaConfigurationMap(Map.of(
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1",
                        "offsets.topic.replication.factor", "1",
                        "group.initial.rebalance.delay.ms", "0",
                        "auto.create.topics.enable", "false"));
        container.start();
        return new StrimziContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
