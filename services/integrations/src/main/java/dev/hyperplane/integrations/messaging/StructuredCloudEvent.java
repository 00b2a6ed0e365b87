package dev.hyperplane.integrations.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.InboundEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * An event as a webhook receives it: a CloudEvent in structured mode ({@code application/cloudevents+json}),
 * every attribute in the body beside the data, so the signature over the body covers them all. The id, source,
 * type, subject and time are the event's own, as it travelled on Kafka.
 */
public final class StructuredCloudEvent {
    public static final String PING_TYPE = "dev.hyperplane.webhook.ping.v1";
    private static final ObjectMapper MAPPER = EventJson.newMapper();

    /** @param tenant the tenant it is about (its own, or its VM's), carried as the {@code tenantid} extension */
    public static String of(InboundEvent event, String tenant) {
        byte[] data;
        try {
            data = MAPPER.writeValueAsBytes(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decoded contract record serializes", e);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create(event.source()))
                .withType(event.type().ceType())
                .withSubject(event.subject())
                .withTime(event.time())
                .withDataSchema(URI.create(event.type().dataSchema()))
                .withData("application/json", data);
        if (tenant != null) {
            builder.withExtension(CloudEventCodec.TENANT_EXTENSION, tenant);
        }
        return serialize(builder);
    }

    /**
     * A test delivery: type {@value #PING_TYPE}, never on Kafka, signed like any delivery, so a receiver can check
     * its verification before real events arrive.
     */
    public static String ping(String webhookId, String id, Instant at) {
        byte[] data = ("{\"webhookId\":\"" + webhookId + "\"}").getBytes(StandardCharsets.UTF_8);
        return serialize(CloudEventBuilder.v1().withId(id).withSource(URI.create("/hyperplane/integrations"))
                .withType(PING_TYPE).withSubject(webhookId).withTime(at.atOffset(ZoneOffset.UTC))
                .withData("application/json", data));
    }

    private static String serialize(CloudEventBuilder builder) {
        byte[] json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE)
                .serialize(builder.build());
        return new String(json, StandardCharsets.UTF_8);
    }

    private StructuredCloudEvent() {
    }
}
