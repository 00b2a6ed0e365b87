package dev.hyperplane.events.backup;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A backup of a VM was asked for, on schedule or on demand: it waits in the queue for its turn under the per-host
 * and fleet limits, and fails if it cannot start by startBy.
 *
 * @param backupId     the job, and the restore point it makes
 * @param policyId     the policy it runs under; null for an on-demand backup outside any policy
 * @param consistency  what it must reach: application (else it fails with the reason) or crash (whatever the guest gives)
 * @param scheduledFor the scheduled time it runs for; null on demand
 * @param startBy      when it fails if it has not started: the end of the policy's window, or the queue timeout
 */
public record BackupRequested(String backupId, String vmId, String tenantId, @Nullable String policyId,
        String trigger, String consistency, @Nullable Instant scheduledFor, Instant startBy, String requestedBy,
        Instant requestedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
