package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private static PublicEvent roundTrip(PublicEvent event) {
        ProducerRecord<String, byte[]> sent = CloudEventCodec.encode(event, "id-1", "/test", Instant.now(), null, null);
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 0, sent.key(), sent.value());
        sent.headers().forEach(h -> received.headers().add(h));
        return CloudEventCodec.decode(received).data();
    }

    @Test
    void a_message_without_its_optional_fields_is_read_with_them_unknown() {
        // a producer from before the fields were added sends none of them
        MigrateVmOnHost older = new MigrateVmOnHost("cmd-1", "host-01", "vm-1", "host-02");
        assertThat(roundTrip(older)).isEqualTo(older);
        MigrateVmOnHost newer = new MigrateVmOnHost("cmd-1", "host-01", "vm-1", "host-02", List.of(100L, 200L), 2, 0L, "live");
        assertThat(roundTrip(newer)).isEqualTo(newer);
    }

    @Test
    void a_message_without_a_required_field_is_a_poison_record() {
        assertThatThrownBy(() -> roundTrip(new VmStartedOnHost("cmd-1", "host-01", null, Instant.now())))
                .isInstanceOf(CloudEventCodec.PoisonRecordException.class).hasMessageContaining("lacks field vmId");
    }
}
