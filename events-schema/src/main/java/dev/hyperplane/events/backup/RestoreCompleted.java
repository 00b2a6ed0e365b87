package dev.hyperplane.events.backup;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A restore ended: the VM runs with the restore point's disks.
 *
 * @param vmId the VM now running the restored disks
 */
public record RestoreCompleted(String restoreId, String restorePointId, String vmId, String tenantId, String mode,
        Instant completedAt) implements PublicEvent {

    /** A restore's events travel in order with the VM it writes. */
    @Override
    public String partitionKey() {
        return vmId;
    }
}
