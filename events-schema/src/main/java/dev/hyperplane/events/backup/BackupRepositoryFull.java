package dev.hyperplane.events.backup;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * An alert: a backup did not fit in the repository and failed; the operator must add capacity or prune.
 *
 * @param backupId the backup that did not fit
 * @param neededMb what the backup needed
 * @param freeMb   what the repository had free
 */
public record BackupRepositoryFull(String backupId, String vmId, String tenantId, long neededMb, long freeMb,
        long capacityMb, Instant raisedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
