package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A live migration ended without moving the VM; it keeps running on this host.
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record MigrationFailedOnHost(String hostId, String vmId, String destinationHostId, String reason,
        long simTimeMs, Instant at) implements PublicEvent {
}
