package dev.hyperplane.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.concurrent.Future;

/** The service's one idempotent Kafka producer. */
@ApplicationScoped
public class KafkaPublisher {

    @Inject
    KafkaSettings settings;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void open() {
        producer = new KafkaProducer<>(settings.producer());
    }

    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return producer.send(record);
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }
}
