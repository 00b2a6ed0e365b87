package dev.hyperplane.integrations.query;

import java.time.Instant;

/**
 * A public event kept for delivery, replay and the feed.
 *
 * @param position its place in the history, in the order it arrived: the feed's cursor
 * @param kafkaAt  when the broker took it (the record's timestamp): delivery latency is measured from it
 * @param body     the structured CloudEvent (application/cloudevents+json), exactly as delivered
 */
public record StoredEvent(long position, String eventId, String type, String subject, String tenantId,
                          boolean tenantMay, Instant occurredAt, Instant kafkaAt, String body) {
}
