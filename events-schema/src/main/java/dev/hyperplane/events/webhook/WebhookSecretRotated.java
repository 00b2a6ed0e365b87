package dev.hyperplane.events.webhook;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A webhook subscription's signing secret was replaced. Until previousValidUntil every delivery is signed with
 * both the new and the previous secret, so the receiver can switch without losing one.
 *
 * @param previousValidUntil when the previous secret stops signing
 */
public record WebhookSecretRotated(String webhookId, @Nullable String tenantId, Instant previousValidUntil,
        String rotatedBy, Instant rotatedAt) implements PublicEvent {
}
