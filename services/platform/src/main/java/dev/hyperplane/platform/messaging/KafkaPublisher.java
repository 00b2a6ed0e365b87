package dev.hyperplane.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * The service's one idempotent Kafka producer. Every CloudEvent it sends names its JSON Schema by a URL a reader
 * can fetch ({@code <hyperplane.public-base-url>/api/v1/schemas/<type>.json}, where the gateway serves the
 * contract's schemas); without a public base URL the schema's URN stays.
 */
@ApplicationScoped
public class KafkaPublisher {
    static final String DATASCHEMA_HEADER = "ce_dataschema";

    @Inject
    KafkaSettings settings;
    @ConfigProperty(name = "hyperplane.public-base-url")
    Optional<String> publicBaseUrl;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void open() {
        producer = new KafkaProducer<>(settings.producer());
    }

    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        publicBaseUrl.ifPresent(base -> withSchemaUrl(record, base));
        return producer.send(record);
    }

    /** Points the record's {@code ce_dataschema} at where the gateway serves the schema of its type. */
    static void withSchemaUrl(ProducerRecord<String, byte[]> record, String baseUrl) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null) {
            return;
        }
        String url = baseUrl.replaceAll("/+$", "") + "/api/v1/schemas/" + new String(type.value(),
                StandardCharsets.UTF_8) + ".json";
        record.headers().remove(DATASCHEMA_HEADER).add(DATASCHEMA_HEADER, url.getBytes(StandardCharsets.UTF_8));
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }
}
