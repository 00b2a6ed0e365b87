package dev.hyperplane.events.host;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/** Inventory accepted a hypervisor host into the fleet: it can now receive VMs. */
public record HostRegistered(
        String hostId,
        String name,
        String agentId,
        String windowsServerVersion,
        int logicalProcessors,
        long memoryMb,
        long rootReserveMb,
        Instant registeredAt) implements PublicEvent {
}
