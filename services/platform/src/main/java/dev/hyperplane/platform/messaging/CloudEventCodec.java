package dev.hyperplane.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Contract records to and from CloudEvents in Kafka binary mode ({@code ce_*} headers, JSON body), through the
 * CloudEvents SDK. Decoding refuses anything that is not a complete, known contract message.
 */
public final class CloudEventCodec {
    public static final String TENANT_EXTENSION = "tenantid";
    public static final String SEQUENCE_EXTENSION = "sequence";

    private static final ObjectMapper MAPPER = EventJson.newMapper();

    /** Why a record could not be read; the consumer parks it on the dead-letter topic. */
    public static final class PoisonRecordException extends RuntimeException {
        public PoisonRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private CloudEventCodec() {
    }

    /**
     * @param id       stable id: a republished event keeps it, so consumers can drop the duplicate
     * @param sequence the per-aggregate sequence number, or {@code null}
     */
    public static ProducerRecord<String, byte[]> encode(PublicEvent event, String id, String source, Instant time,
                                                        String tenantId, Long sequence) {
        MessageType type = EventCatalog.forClass(event.getClass())
                .orElseThrow(() -> new IllegalArgumentException("not in the event catalog: " + event.getClass()));
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(source))
                .withType(type.ceType())
                .withSubject(event.partitionKey())
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataSchema(URI.create(type.dataSchema()))
                .withDataContentType("application/json")
                .withData(toJson(event));
        if (tenantId != null) {
            builder.withExtension(TENANT_EXTENSION, tenantId);
        }
        if (sequence != null) {
            builder.withExtension(SEQUENCE_EXTENSION, sequence);
        }
        return KafkaMessageFactory.createWriter(type.topic(), null, null, event.partitionKey())
                .writeBinary(builder.build());
    }

    public static InboundEvent decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            MessageReader reader = KafkaMessageFactory.createReader(record);
            event = reader.toEvent();
        } catch (RuntimeException e) {
            throw new PoisonRecordException("not a CloudEvent: " + e.getMessage(), e);
        }
        MessageType type = EventCatalog.forType(event.getType())
                .orElseThrow(() -> new PoisonRecordException("unknown CloudEvent type " + event.getType(), null));
        if (event.getData() == null) {
            throw new PoisonRecordException("CloudEvent " + event.getId() + " has no data", null);
        }
        PublicEvent data;
        try {
            data = MAPPER.readValue(event.getData().toBytes(), type.recordClass());
        } catch (IOException e) {
            throw new PoisonRecordException("data is not a valid " + type.ceType() + ": " + e.getMessage(), e);
        }
        requireComplete(type, data);
        Object tenant = event.getExtension(TENANT_EXTENSION);
        OffsetDateTime time = event.getTime();
        return new InboundEvent(event.getId(), event.getSource().toString(), type, event.getSubject(), time,
                tenant == null ? null : tenant.toString(), data, Instant.ofEpochMilli(record.timestamp()));
    }

    /**
     * Every field of a contract record is required (the schemas say so) but those that may be null and those added
     * to a version after its release; a required one missing is a broken message.
     */
    private static void requireComplete(MessageType type, PublicEvent data) {
        for (var component : type.recordClass().getRecordComponents()) {
            if (component.isAnnotationPresent(Nullable.class) || component.isAnnotationPresent(OptionalField.class)) {
                continue;
            }
            try {
                if (Objects.isNull(component.getAccessor().invoke(data))) {
                    throw new PoisonRecordException(type.ceType() + " lacks field " + component.getName(), null);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] toJson(PublicEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
