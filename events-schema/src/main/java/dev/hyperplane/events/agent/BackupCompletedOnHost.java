package dev.hyperplane.events.agent;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A backup of the VM completed: its checkpoint was taken and its disks read.
 *
 * @param consistency application (VSS writers), file-system (Linux VSS daemon froze the file systems), crash or offline
 * @param reason      why this consistency
 * @param simTimeMs   the host's simulated clock when it happened
 * @param full        every allocated block read; false: only what changed since {@code basedOn} (incremental, on hosts
 *                    that track changed blocks: Windows Server 2016 and later)
 * @param basedOn     the backup an incremental one builds on; null for a full one
 * @param readMb      what the backup read: its size
 * @param freezeMs    how long the guest's I/O was held for the checkpoint (0 for crash-consistent and offline)
 * @param durationMs  from the request to the last block read
 * @param disks       the disks' content at the checkpoint: what a restore writes back
 */
public record BackupCompletedOnHost(String hostId, String vmId, String backupId, String consistency,
        String reason, long simTimeMs, Instant at, @OptionalField Boolean full, @OptionalField String basedOn,
        @OptionalField Long readMb, @OptionalField Long freezeMs, @OptionalField Long durationMs,
        @OptionalField List<DiskContent> disks) implements PublicEvent {
}
