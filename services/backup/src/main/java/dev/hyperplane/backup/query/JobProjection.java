package dev.hyperplane.backup.query;

import dev.hyperplane.events.backup.BackupCompleted;
import dev.hyperplane.events.backup.BackupFailed;
import dev.hyperplane.events.backup.BackupRequested;
import dev.hyperplane.events.backup.BackupStarted;
import dev.hyperplane.events.backup.RestorePointMerged;
import dev.hyperplane.events.backup.RestorePointProtected;
import dev.hyperplane.events.backup.RestorePointPruned;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * Writes {@code backup_job} and {@code restore_point} from the BackupJob and VmRestorePoints aggregates' events
 * (a restore point keeps its VM's name and configuration as they were at the backup),
 * in the command's transaction: a 202 is never followed by a 404 on its Location, and the queue never admits a job twice.
 */
@ApplicationScoped
@ProcessingGroup(JobProjection.PROCESSING_GROUP)
public class JobProjection {
    public static final String PROCESSING_GROUP = "job-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(BackupRequested e) {
        Sql.update(dataSource, """
                INSERT INTO backup_job (backup_id, vm_id, tenant_id, policy_id, trigger, consistency_wanted, state,
                    scheduled_for, start_by, requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT (backup_id) DO NOTHING""",
                e.backupId(), e.vmId(), e.tenantId(), e.policyId(), e.trigger(), e.consistency(),
                ts(e.scheduledFor()), ts(e.startBy()), e.requestedBy(), ts(e.requestedAt()));
    }

    @EventHandler
    void on(BackupStarted e) {
        Sql.update(dataSource, "UPDATE backup_job SET state = 'running', host_id = ?, started_at = ? "
                + "WHERE backup_id = ?", e.hostId(), ts(e.startedAt()), e.backupId());
    }

    @EventHandler
    void on(BackupCompleted e) {
        Sql.update(dataSource, "UPDATE backup_job SET state = 'completed', ended_at = ?, reason = ? "
                + "WHERE backup_id = ?", ts(e.completedAt()), e.reason(), e.backupId());
        Sql.update(dataSource, """
                INSERT INTO restore_point (restore_point_id, vm_id, tenant_id, host_id, taken_at, consistency, reason,
                    full_backup, based_on, size_mb, allocated_mb, freeze_ms, duration_ms, disks, vm_name, vm_spec)
                SELECT ?, ?, ?, ?, COALESCE(j.started_at, ?), ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, v.name, v.spec
                FROM backup_job j LEFT JOIN backup_vm v ON v.vm_id = j.vm_id WHERE j.backup_id = ?
                ON CONFLICT (restore_point_id) DO NOTHING""",
                e.backupId(), e.vmId(), e.tenantId(), e.hostId(), ts(e.completedAt()), e.consistency(), e.reason(),
                e.full(), e.basedOn(), e.sizeMb(), e.allocatedMb(), e.freezeMs(), e.durationMs(),
                JsonColumn.write(e.disks()), e.backupId());
    }

    @EventHandler
    void on(BackupFailed e) {
        Sql.update(dataSource, "UPDATE backup_job SET state = 'failed', ended_at = ?, reason = ? WHERE backup_id = ?",
                ts(e.failedAt()), e.reason(), e.backupId());
    }

    @EventHandler
    void on(RestorePointMerged e) {
        Sql.update(dataSource, "UPDATE restore_point SET based_on = ?, full_backup = ?, size_mb = ? "
                + "WHERE restore_point_id = ?", e.basedOn(), e.basedOn() == null, e.sizeMb(), e.restorePointId());
    }

    @EventHandler
    void on(RestorePointPruned e) {
        Sql.update(dataSource, "DELETE FROM restore_point WHERE restore_point_id = ?", e.restorePointId());
    }

    @EventHandler
    void on(RestorePointProtected e) {
        Sql.update(dataSource, "UPDATE restore_point SET protected = ? WHERE restore_point_id = ?",
                e.protectedPoint(), e.restorePointId());
    }
}
