package dev.hyperplane.events.webhook;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A webhook subscription was disabled by the service: its endpoint answered 410 Gone, or accepted nothing for
 * longer than allowed. The reason is written to be mailed to the subscription's owner; activating it again resumes
 * deliveries.
 */
public record WebhookDisabled(String webhookId, @Nullable String tenantId, String url, String reason,
        Instant disabledAt) implements PublicEvent {
}
