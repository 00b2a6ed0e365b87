package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The VM left this host by live migration and runs on the destination.
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record VmMigratedOnHost(String hostId, String vmId, String destinationHostId, int passes,
        long downtimeMs, long simTimeMs, Instant at) implements PublicEvent {
}
