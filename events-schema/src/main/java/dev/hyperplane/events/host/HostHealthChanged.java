package dev.hyperplane.events.host;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Inventory's view of a host's health changed: {@code Ready} while its agent reports, {@code Unreachable} when the
 * reports stop. Unreachable hosts get no new VMs.
 */
public record HostHealthChanged(String hostId, String health, String reason, Instant at) implements PublicEvent {
}
