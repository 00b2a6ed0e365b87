package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Dynamic Memory moved memory for a VM.
 *
 * @param kind balloon (host reclaimed), unballoon (returned) or hot-add
 * @param simTimeMs the host's simulated clock when it happened
 */
public record MemoryMovedOnHost(String hostId, String vmId, String kind, long requestedMb, long movedMb,
        long assignedMb, long simTimeMs, Instant at) implements PublicEvent {
}
