package dev.hyperplane.backup.query;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperplane.backup.domain.VmConfig;
import dev.hyperplane.events.DiskContent;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hyperplane.platform.jdbc.Sql.instant;

/** Backup jobs and restore points as {@link JobProjection} wrote them. */
@ApplicationScoped
public class Backups {
    private static final TypeReference<List<DiskContent>> DISKS = new TypeReference<>() {
    };

    /**
     * A queued backup, in the order it was asked for, with its VM as this service knows it now.
     *
     * @param vmState         null when the VM is unknown to this service
     * @param vmBackupRunning whether another backup of the VM is running (one at a time per VM)
     */
    public record Queued(String backupId, String vmId, String vmState, String hostId, boolean vmBackupRunning) {
    }

    @Inject
    AgroalDataSource dataSource;

    public Optional<BackupView> find(String backupId) {
        return Sql.queryOne(dataSource, "SELECT * FROM backup_job WHERE backup_id = ?", Backups::view, backupId);
    }

    /** Newest first; by VM and state when given; {@code tenantId} null: every tenant's. */
    public List<BackupView> list(String tenantId, String vmId, String state, String afterBackupId, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM backup_job
                WHERE (?::text IS NULL OR tenant_id = ?) AND (?::text IS NULL OR vm_id = ?)
                  AND (?::text IS NULL OR state = ?)
                  AND (?::text IS NULL OR (requested_at, backup_id) < (SELECT requested_at, backup_id FROM backup_job
                                                                       WHERE backup_id = ?))
                ORDER BY requested_at DESC, backup_id DESC LIMIT ?""", Backups::view, tenantId, tenantId, vmId, vmId,
                state, state, afterBackupId, afterBackupId, limit);
    }

    /** Every queued backup with its VM, in one read per round of the queue. */
    public List<Queued> queued() {
        return Sql.query(dataSource, """
                SELECT j.backup_id, j.vm_id, v.state, v.host_id,
                    EXISTS (SELECT 1 FROM backup_job r WHERE r.vm_id = j.vm_id AND r.state = 'running')
                FROM backup_job j LEFT JOIN backup_vm v ON v.vm_id = j.vm_id
                WHERE j.state = 'queued' ORDER BY j.requested_at, j.backup_id""",
                rs -> new Queued(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)));
    }

    /** The backups running now on each host. */
    public Map<String, Integer> runningPerHost() {
        Map<String, Integer> running = new HashMap<>();
        Sql.query(dataSource, "SELECT host_id, COUNT(*) FROM backup_job WHERE state = 'running' GROUP BY host_id",
                rs -> running.put(rs.getString(1), rs.getInt(2)));
        return running;
    }

    public Optional<RestorePointView> restorePoint(String restorePointId) {
        return Sql.queryOne(dataSource, "SELECT * FROM restore_point WHERE restore_point_id = ?", Backups::point,
                restorePointId);
    }

    /**
     * What a restore of a point needs besides its disks: its VM's name and configuration as they were at the
     * backup.
     *
     * @param config empty for a point taken before configurations were kept
     */
    public record RestoreSource(RestorePointView point, String vmName, Optional<VmConfig> config) {
    }

    public Optional<RestoreSource> restoreSource(String restorePointId) {
        return Sql.queryOne(dataSource, "SELECT * FROM restore_point WHERE restore_point_id = ?",
                rs -> new RestoreSource(point(rs), rs.getString("vm_name"), Optional.ofNullable(
                        rs.getString("vm_spec")).map(json -> JsonColumn.read(json, BackupVms.CONFIG))),
                restorePointId);
    }

    /** Newest first; {@code tenantId} null: every tenant's. */
    public List<RestorePointView> restorePoints(String tenantId, String vmId, String afterId, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM restore_point
                WHERE (?::text IS NULL OR tenant_id = ?) AND (?::text IS NULL OR vm_id = ?)
                  AND (?::text IS NULL OR (taken_at, restore_point_id) < (SELECT taken_at, restore_point_id
                                                                          FROM restore_point
                                                                          WHERE restore_point_id = ?))
                ORDER BY taken_at DESC, restore_point_id DESC LIMIT ?""", Backups::point, tenantId, tenantId, vmId,
                vmId, afterId, afterId, limit);
    }

    private static BackupView view(ResultSet rs) throws SQLException {
        String state = rs.getString("state");
        return new BackupView(rs.getString("backup_id"), rs.getString("vm_id"), rs.getString("tenant_id"),
                rs.getString("policy_id"), rs.getString("trigger"), rs.getString("consistency_wanted"), state,
                rs.getString("host_id"), instant(rs.getTimestamp("scheduled_for")),
                instant(rs.getTimestamp("start_by")), rs.getString("requested_by"),
                instant(rs.getTimestamp("requested_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")), rs.getString("reason"),
                state.equals("completed") ? rs.getString("backup_id") : null);
    }

    private static RestorePointView point(ResultSet rs) throws SQLException {
        return new RestorePointView(rs.getString("restore_point_id"), rs.getString("vm_id"),
                rs.getString("tenant_id"), rs.getString("host_id"), instant(rs.getTimestamp("taken_at")),
                rs.getString("consistency"), rs.getString("reason"), rs.getBoolean("full_backup"),
                rs.getString("based_on"), rs.getLong("size_mb"), rs.getLong("allocated_mb"),
                rs.getLong("freeze_ms"), rs.getLong("duration_ms"), rs.getBoolean("protected"),
                JsonColumn.read(rs.getString("disks"), DISKS));
    }
}
