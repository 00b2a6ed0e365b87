package dev.hyperplane.events.webhook;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription was created. Its signing secret is never in an event: the service keeps it encrypted and
 * shows it once, to its creator.
 *
 * @param tenantId   the tenant whose VMs' events it receives; null for a fleet admin's subscription to the fleet's events
 * @param url        the https endpoint deliveries are posted to
 * @param eventTypes CloudEvents types, exact or prefixes ending in .*
 */
public record WebhookCreated(String webhookId, @Nullable String tenantId, String url, List<String> eventTypes,
        boolean active, String createdBy, Instant createdAt) implements PublicEvent {
}
