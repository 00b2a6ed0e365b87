package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.PublicEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox relay: a tracking processor over the service's own event store that publishes every public event
 * (a record of the contract) to its Kafka topic as a CloudEvent whose id is the Axon event id.
 * <p>
 * Sends of a batch go out together; the batch's unit of work waits for every broker acknowledgement before it
 * commits, and only that commit advances the processor's token. A crash in between republishes the batch with
 * the same ids (at least once), and consumers drop the duplicates in their inbox.
 */
@ApplicationScoped
@IfBuildProperty(name = "hyperplane.axon.enabled", stringValue = "true", enableIfMissing = true)
@ProcessingGroup(EventForwarder.PROCESSING_GROUP)
public class EventForwarder {
    public static final String PROCESSING_GROUP = "kafka-forwarder";
    public static final String TENANT_METADATA = "tenantId";
    private static final String PENDING = EventForwarder.class.getName() + ".pending";
    private static final Logger LOG = Logger.getLogger(EventForwarder.class);

    @Inject
    KafkaPublisher publisher;
    @Inject
    KafkaSettings settings;

    @EventHandler
    void on(PublicEvent event, EventMessage<?> message) {
        Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        Object tenant = message.getMetaData().get(TENANT_METADATA);
        ProducerRecord<String, byte[]> record;
        try {
            record = CloudEventCodec.encode(event, message.getIdentifier(), "/hyperplane/" + settings.applicationName(),
                    message.getTimestamp(), tenant == null ? null : tenant.toString(), sequence);
        } catch (IllegalArgumentException e) {
            // can never be published (not in the catalog, no key): retrying would stall every event behind it
            LOG.errorf("event %s (%s) cannot be published and is skipped: %s", message.getIdentifier(),
                    event.getClass().getName(), e.getMessage());
            return;
        }
        pendingSends().add(publisher.send(record));
    }

    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private static void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            // fails the batch: the token stays, the processor retries the same events
            throw new IllegalStateException("Kafka did not acknowledge a publish", e);
        }
    }
}
