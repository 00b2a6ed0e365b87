package dev.hyperplane.events.backup;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A backup ended without a restore point, with the reason: it could not start in time, its host refused or did not
 * answer, or the guest could not give the consistency the policy demands.
 */
public record BackupFailed(String backupId, String vmId, String reason, Instant failedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
