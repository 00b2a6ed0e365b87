package dev.hyperplane.backup.command;

import java.time.Instant;

/**
 * A restore point joined its VM's chain (not public: the public event of a new point is the job's BackupCompleted).
 *
 * @param basedOn the point of the chain it builds on; null for a point that stands on its own
 */
public record RestorePointRecorded(String vmId, String tenantId, String restorePointId, Instant takenAt,
                                   String basedOn, long sizeMb, long allocatedMb) {
}
