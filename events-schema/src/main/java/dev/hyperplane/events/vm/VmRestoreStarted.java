package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * An in-place restore of the VM began: its host turns it off, replaces its disks with the restore point's and
 * starts it.
 */
public record VmRestoreStarted(String vmId, String tenantId, String restoreId, String restorePointId, String hostId,
        String requestedBy, Instant startedAt) implements PublicEvent {
}
