package dev.hyperplane.integrations.query;

import java.time.Instant;
import java.util.List;

/**
 * One event's delivery to a subscription, as the delivery log shows it.
 *
 * @param eventId       the CloudEvent id, sent as {@code webhook-id} on every attempt and every replay
 * @param round         0 for the first delivery, then one more for each replay that included the event
 * @param state         pending, delivered or given-up
 * @param nextAttemptAt when a pending delivery is tried next
 */
public record DeliveryView(String deliveryId, String eventId, String type, String subject, int round, String state,
                           List<Attempt> attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {

    /**
     * @param status the HTTP status; null when none came (timeout, refused connection or address)
     * @param error  what went wrong, when the attempt failed
     */
    public record Attempt(int attempt, Instant at, Integer status, long latencyMs, String error) {
    }
}
