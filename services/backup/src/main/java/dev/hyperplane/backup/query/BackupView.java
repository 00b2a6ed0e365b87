package dev.hyperplane.backup.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A backup job as the API shows it.
 *
 * @param state          queued, running, completed or failed
 * @param restorePointId the restore point it made (its own id) once completed
 * @param reason         why it failed, or the consistency it reached and why
 */
@Schema(name = "Backup")
public record BackupView(String backupId, String vmId, String tenantId, String policyId, String trigger,
                         String consistencyWanted, String state, String hostId, Instant scheduledFor,
                         Instant startBy, String requestedBy, Instant requestedAt, Instant startedAt, Instant endedAt,
                         String reason, String restorePointId) {
}
