package dev.hyperplane.backup.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hyperplane.events.DiskContent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A restore point as the API shows it.
 *
 * @param takenAt     its checkpoint: the VM as it was then
 * @param consistency application, file-system, crash or offline
 * @param reason      why that consistency
 * @param full        every allocated block; false: what changed since {@code basedOn} (incremental)
 * @param sizeMb      what it holds in the repository
 * @param freezeMs    how long the guest's I/O was held for its checkpoint
 * @param durationMs  how long the backup took
 * @param isProtected never pruned while set
 */
@Schema(name = "RestorePoint")
public record RestorePointView(String restorePointId, String vmId, String tenantId, String hostId, Instant takenAt,
                               String consistency, String reason, boolean full, String basedOn, long sizeMb,
                               long allocatedMb, long freezeMs, long durationMs,
                               @JsonProperty("protected") boolean isProtected, List<DiskContent> disks) {
}
