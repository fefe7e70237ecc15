package dev.eddy.testing;

/** A running Kafka cluster that tests can reach; closing it stops the broker and removes its data. */
public interface KafkaBroker extends AutoCloseable {

    /** {@code host:port} list for {@code bootstrap.servers}. */
    String bootstrapServers();

    @Override
    void close();
}
