package dev.hyperplane.backup.query;

import dev.hyperplane.backup.domain.BackupSchedule;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.hyperplane.platform.jdbc.Sql.instant;

/** The backup policies as {@link PolicyProjection} wrote them, and which one governs a VM. */
@ApplicationScoped
public class BackupPolicies {
    /** The owner part of a fleet policy's id: no tenant id starts with an underscore. */
    public static final String FLEET = "_fleet";

    /** A policy with the VMs it names, in one query (no query per row, no second connection while reading). */
    private static final String SELECT = """
            SELECT p.*, ARRAY(SELECT a.vm_id FROM backup_policy_vm a WHERE a.policy_id = p.policy_id
                              ORDER BY a.vm_id) AS vm_ids
            FROM backup_policy p
            """;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    /** A tenant's policy is {@code tenant/name}; a fleet policy {@code _fleet/name}. */
    public static String policyId(String tenantId, String name) {
        return (tenantId == null ? FLEET : tenantId) + "/" + name;
    }

    public Optional<BackupPolicyView> find(String policyId) {
        return Sql.queryOne(dataSource, SELECT + "WHERE p.policy_id = ?", this::view, policyId);
    }

    /**
     * The policies a caller sees, by name: a tenant's own and the fleet's (its own first when both have the name);
     * every policy for a fleet admin who names no tenant.
     *
     * @param tenantId null: every policy
     */
    public List<BackupPolicyView> list(String tenantId, String afterPolicyId, int limit) {
        return Sql.query(dataSource, SELECT + """
                WHERE (?::text IS NULL OR p.tenant_id = ? OR p.tenant_id IS NULL) AND p.policy_id > ?
                ORDER BY p.policy_id LIMIT ?""", this::view, tenantId, tenantId,
                afterPolicyId == null ? "" : afterPolicyId, limit);
    }

    /**
     * The policy that governs a VM: one that names it, else its tenant's default, else the fleet's (the latest one
     * made a default wins).
     */
    public Optional<BackupPolicyView> governing(String vmId, String tenantId) {
        return Sql.queryOne(dataSource, SELECT + """
                JOIN backup_policy_vm v ON v.policy_id = p.policy_id WHERE v.vm_id = ?""", this::view, vmId)
                .or(() -> Sql.queryOne(dataSource, SELECT + """
                        WHERE p.tenant_id = ? AND p.tenant_default_at IS NOT NULL
                        ORDER BY p.tenant_default_at DESC LIMIT 1""", this::view, tenantId))
                .or(() -> Sql.queryOne(dataSource, SELECT + """
                        WHERE p.tenant_id IS NULL AND p.fleet_default_at IS NOT NULL
                        ORDER BY p.fleet_default_at DESC LIMIT 1""", this::view));
    }

    /** The VMs (not deleted or failed) the policy governs now, by the same rule as {@link #governing}. */
    public List<BackupVms.Vm> governed(String policyId) {
        return Sql.query(dataSource, """
                SELECT v.* FROM backup_vm v LEFT JOIN backup_policy_vm a ON a.vm_id = v.vm_id
                WHERE v.state NOT IN ('Deleted', 'Failed') AND (a.policy_id = ? OR a.vm_id IS NULL AND ? = COALESCE(
                    (SELECT policy_id FROM backup_policy WHERE tenant_id = v.tenant_id AND tenant_default_at IS NOT NULL
                     ORDER BY tenant_default_at DESC LIMIT 1),
                    (SELECT policy_id FROM backup_policy WHERE tenant_id IS NULL AND fleet_default_at IS NOT NULL
                     ORDER BY fleet_default_at DESC LIMIT 1)))
                ORDER BY v.vm_id""", BackupVms::vm, policyId, policyId);
    }

    /** The scheduled time the policy last ran for; empty before its first. */
    public Optional<Instant> lastRun(String policyId) {
        return Sql.queryOne(dataSource, "SELECT last_run FROM backup_schedule_run WHERE policy_id = ?",
                rs -> rs.getTimestamp(1).toInstant(), policyId);
    }

    public void ran(String policyId, Instant scheduledFor) {
        Sql.update(dataSource, """
                INSERT INTO backup_schedule_run (policy_id, last_run) VALUES (?, ?)
                ON CONFLICT (policy_id) DO UPDATE SET last_run = GREATEST(backup_schedule_run.last_run,
                    EXCLUDED.last_run)""", policyId, Sql.ts(scheduledFor));
    }

    private BackupPolicyView view(ResultSet rs) throws SQLException {
        String policyId = rs.getString("policy_id");
        List<String> vmIds = List.of((String[]) rs.getArray("vm_ids").getArray());
        BackupSchedule schedule = BackupSchedule.of(rs.getString("schedule"), rs.getString("time_zone"));
        return new BackupPolicyView(policyId, rs.getString("tenant_id"), rs.getString("name"),
                schedule.expression(), rs.getString("time_zone"), rs.getInt("window_minutes"),
                rs.getString("consistency"), new BackupPolicyView.Retention(rs.getInt("keep_last"),
                rs.getInt("keep_hourly"), rs.getInt("keep_daily"), rs.getInt("keep_weekly"), rs.getInt("keep_monthly"),
                rs.getInt("keep_yearly")), schedule.next(clock.instant()).orElse(null), vmIds,
                rs.getTimestamp("tenant_default_at") != null, rs.getTimestamp("fleet_default_at") != null,
                rs.getLong("version"), rs.getString("set_by"), instant(rs.getTimestamp("set_at")));
    }
}
