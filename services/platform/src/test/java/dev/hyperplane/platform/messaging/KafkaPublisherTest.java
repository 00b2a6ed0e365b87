package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.vm.VmPlaced;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaPublisherTest {

    @Test
    void a_published_event_names_its_schema_by_a_url_under_the_public_base() {
        var record = CloudEventCodec.encode(new VmPlaced("vm-1", "h1", Instant.parse("2026-12-02T10:00:00Z")), "id-1",
                "/test", Instant.parse("2026-12-02T10:00:00Z"), null, null);
        assertThat(header(record, "ce_dataschema")).isEqualTo("urn:hyperplane:schema:dev.hyperplane.vm.placed.v1");

        KafkaPublisher.withSchemaUrl(record, "https://panel.example.net/");

        assertThat(record.headers().headers("ce_dataschema")).hasSize(1);
        assertThat(header(record, "ce_dataschema"))
                .isEqualTo("https://panel.example.net/api/v1/schemas/dev.hyperplane.vm.placed.v1.json");
        assertThat(header(record, "ce_type")).isEqualTo("dev.hyperplane.vm.placed.v1");
        assertThat(header(record, "ce_id")).isEqualTo("id-1");
    }

    private static String header(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
