package dev.hyperplane.testsupport;

/** A running Kafka that clients can reach. */
public interface KafkaService extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
