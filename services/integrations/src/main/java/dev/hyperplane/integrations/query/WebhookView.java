package dev.hyperplane.integrations.query;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as the API shows it (never its secret).
 *
 * @param tenantId                 null for a fleet admin's subscription
 * @param disabledReason           why the service disabled it (410 Gone, or an endpoint failing for too long)
 * @param previousSecretValidUntil until when the previous secret still signs, after a rotation
 * @param failingSince             since when the endpoint has accepted nothing; null if it accepted the last attempt
 */
public record WebhookView(String webhookId, String tenantId, String url, List<String> eventTypes, boolean active,
                          String disabledReason, String createdBy, Instant createdAt, Instant changedAt,
                          Instant previousSecretValidUntil, Instant failingSince) {
}
