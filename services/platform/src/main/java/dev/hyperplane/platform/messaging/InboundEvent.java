package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.MessageType;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A CloudEvent read from Kafka and decoded into its contract record.
 *
 * @param id      the CloudEvent id: the deduplication key of the inbox
 * @param subject    the aggregate it is about
 * @param recordedAt the Kafka record's timestamp: when the broker took it (latency is measured from it)
 */
public record InboundEvent(String id, String source, MessageType type, String subject, OffsetDateTime time,
                           String tenantId, PublicEvent data, Instant recordedAt) {
}
