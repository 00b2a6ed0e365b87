package dev.hyperplane.platform.messaging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A record a consumer could not handle, as operators see it. While it is {@code PARKED}, later records of the
 * same consumer, topic and key are parked behind it.
 *
 * @param key       the Kafka key (a VM or host id); {@code null} parks nothing behind it
 * @param eventType the CloudEvent type, when the record could be read that far
 */
@Schema(description = "A record a consumer could not handle, parked with the reason")
public record DeadLetter(
        @Schema(example = "42") long id,
        @Schema(description = "The consumer group that parked it", example = "provisioning-agent-answers") String consumer,
        @Schema(example = "hyperplane.agent.events") String topic,
        int partition,
        long offset,
        @Schema(example = "host-3") String key,
        @Schema(example = "dev.hyperplane.agent.vm-started.v1") String eventType,
        String eventId,
        @Schema(example = "unknown CloudEvent type dev.example.unknown.v1") String reason,
        @Schema(description = "PARKED until redriven or discarded", example = "PARKED") State state,
        Instant parkedAt,
        Instant settledAt) {

    public enum State { PARKED, REDRIVEN, DISCARDED }
}
