package dev.hyperplane.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** Kafka in a container, when a Docker daemon answers. */
final class ContainerKafka implements KafkaService {
    private final KafkaContainer container;

    ContainerKafka() {
        container = new KafkaContainer("apache/kafka:" + org.apache.kafka.common.utils.AppInfoParser.getVersion());
        container.start();
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
