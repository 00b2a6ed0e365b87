package dev.hyperplane.events.backup;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A restore failed with the reason: provisioning refused it (quota, placement, the VM busy or deleted), the host
 * refused it, or nothing answered in time.
 */
public record RestoreFailed(String restoreId, String restorePointId, String vmId, String tenantId, String mode,
        String reason, Instant failedAt) implements PublicEvent {

    /** A restore's events travel in order with the VM it writes. */
    @Override
    public String partitionKey() {
        return vmId;
    }
}
