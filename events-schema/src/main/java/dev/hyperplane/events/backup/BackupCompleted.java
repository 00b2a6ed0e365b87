package dev.hyperplane.events.backup;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A backup completed and made a restore point of the same id: the consistency it reached and why, full or
 * incremental (hosts from Windows Server 2016 track changed blocks), its size, how long the guest was frozen and
 * how long it took.
 *
 * @param backupId    the job, and the restore point's id
 * @param reason      why this consistency
 * @param full        every allocated block; false: only what changed since basedOn
 * @param basedOn     the restore point an incremental one builds on; null for a full one
 * @param sizeMb      what it holds
 * @param allocatedMb what the VM's disks held at its checkpoint
 * @param freezeMs    how long the guest's I/O was held for the checkpoint
 * @param disks       the disks' content at the checkpoint: what a restore writes back
 * @param durationMs  from its start to the last block read
 */
public record BackupCompleted(String backupId, String vmId, String tenantId, String hostId, String consistency,
        String reason, boolean full, @Nullable String basedOn, long sizeMb, long allocatedMb, long freezeMs,
        long durationMs, Instant completedAt,
        List<DiskContent> disks) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
