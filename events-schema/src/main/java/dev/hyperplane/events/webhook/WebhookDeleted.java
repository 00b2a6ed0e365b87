package dev.hyperplane.events.webhook;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A webhook subscription was deleted: nothing more is delivered to it.
 */
public record WebhookDeleted(String webhookId, @Nullable String tenantId, String deletedBy, Instant deletedAt) implements PublicEvent {
}
