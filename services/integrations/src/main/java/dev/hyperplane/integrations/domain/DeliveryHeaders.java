package dev.hyperplane.integrations.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The headers of a delivery: the body is a CloudEvent in structured mode, and the Standard Webhooks headers sign
 * it. {@code webhook-id} is the CloudEvent's id (the same on every retry and replay), {@code webhook-timestamp}
 * the attempt's Unix seconds (receivers refuse old ones against replay attacks).
 */
public final class DeliveryHeaders {
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public static Map<String, String> of(String eventId, Instant at, byte[] body, List<WebhookSecret> secrets) {
        long timestamp = at.getEpochSecond();
        return Map.of(
                "content-type", CONTENT_TYPE,
                "user-agent", "Hyperplane-Webhooks/1",
                "webhook-id", eventId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.header(eventId, timestamp, body, secrets));
    }

    private DeliveryHeaders() {
    }
}
