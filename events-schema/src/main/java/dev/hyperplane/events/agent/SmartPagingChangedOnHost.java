package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A restarting VM got part of its startup memory from a Smart Paging file (active), or the file was released.
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record SmartPagingChangedOnHost(String hostId, String vmId, boolean active, long pagedMb,
        long simTimeMs, Instant at) implements PublicEvent {
}
