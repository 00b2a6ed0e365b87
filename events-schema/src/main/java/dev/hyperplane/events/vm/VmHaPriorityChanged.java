package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Where the VM stands when its host fails and VMs are restarted elsewhere (by its tenant or a fleet admin):
 * {@code high} first, then {@code medium} (the default), then {@code low}; {@code off} is never restarted by high
 * availability.
 */
public record VmHaPriorityChanged(String vmId, String haPriority, String changedBy, Instant changedAt)
        implements PublicEvent {
}
