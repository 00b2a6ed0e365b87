package dev.hyperplane.events.webhook;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription's endpoint, event types or active flag changed (activating a disabled subscription
 * resumes its deliveries).
 */
public record WebhookChanged(String webhookId, @Nullable String tenantId, String url, List<String> eventTypes,
        boolean active, String changedBy, Instant changedAt) implements PublicEvent {
}
