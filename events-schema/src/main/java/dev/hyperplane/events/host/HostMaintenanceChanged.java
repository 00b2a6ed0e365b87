package dev.hyperplane.events.host;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/** An operator put a host into maintenance (no new VMs) or took it out. */
public record HostMaintenanceChanged(String hostId, boolean inMaintenance, String reason, Instant at)
        implements PublicEvent {
}
