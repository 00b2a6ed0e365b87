package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/** Placement chose a host for the VM and reserved its resources there. */
public record VmPlaced(String vmId, String hostId, Instant placedAt) implements PublicEvent {
}
