package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The VM runs again with its restored disks.
 */
public record VmRestored(String vmId, String restoreId, String hostId, Instant restoredAt) implements PublicEvent {
}
