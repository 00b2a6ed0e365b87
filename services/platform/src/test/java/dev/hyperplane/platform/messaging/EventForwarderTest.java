package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.PublicEvent;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;

class EventForwarderTest {

    /** A public event someone forgot to put into the catalog. */
    record Uncatalogued(String vmId) implements PublicEvent {
        @Override
        public String partitionKey() {
            return vmId;
        }
    }

    @Test
    void an_event_that_can_never_be_published_is_skipped_not_retried_forever() {
        EventForwarder forwarder = new EventForwarder();
        forwarder.settings = new KafkaSettings();
        forwarder.settings.applicationName = "test";
        Uncatalogued event = new Uncatalogued("vm-1");
        // no publisher and no unit of work: reaching either would throw, failing the batch and stalling the outbox
        assertThatCode(() -> forwarder.on(event, GenericEventMessage.asEventMessage(event))).doesNotThrowAnyException();
    }
}
