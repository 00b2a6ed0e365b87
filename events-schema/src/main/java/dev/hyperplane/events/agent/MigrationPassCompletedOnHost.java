package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * One pre-copy pass of a live migration finished.
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record MigrationPassCompletedOnHost(String hostId, String vmId, String destinationHostId, int pass,
        long sentMb, long dirtyMb, long simTimeMs, Instant at) implements PublicEvent {
}
