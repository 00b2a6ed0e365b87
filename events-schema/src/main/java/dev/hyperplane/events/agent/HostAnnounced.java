package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/** An agent runs a host and offers it to the fleet, with its capacity. Sent at every agent start. */
public record HostAnnounced(
        String hostId,
        String name,
        String agentId,
        String windowsServerVersion,
        int logicalProcessors,
        long memoryMb,
        long rootReserveMb,
        Instant announcedAt) implements PublicEvent {
}
