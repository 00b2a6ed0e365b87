package dev.hyperplane.backup.query;

import dev.hyperplane.events.backup.BackupPolicyAssignmentsSet;
import dev.hyperplane.events.backup.BackupPolicyDeleted;
import dev.hyperplane.events.backup.BackupPolicySet;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * Writes {@code backup_policy} and {@code backup_policy_vm} from the BackupPolicy aggregate's events, in the
 * command's transaction: a 200 is never followed by a read that does not show it.
 */
@ApplicationScoped
@ProcessingGroup(PolicyProjection.PROCESSING_GROUP)
public class PolicyProjection {
    public static final String PROCESSING_GROUP = "policy-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(BackupPolicySet e) {
        Sql.update(dataSource, """
                INSERT INTO backup_policy (policy_id, tenant_id, name, schedule, time_zone, window_minutes, consistency,
                    keep_last, keep_hourly, keep_daily, keep_weekly, keep_monthly, keep_yearly, version, set_by, set_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (policy_id) DO UPDATE SET schedule = EXCLUDED.schedule, time_zone = EXCLUDED.time_zone,
                    window_minutes = EXCLUDED.window_minutes, consistency = EXCLUDED.consistency,
                    keep_last = EXCLUDED.keep_last, keep_hourly = EXCLUDED.keep_hourly,
                    keep_daily = EXCLUDED.keep_daily, keep_weekly = EXCLUDED.keep_weekly,
                    keep_monthly = EXCLUDED.keep_monthly, keep_yearly = EXCLUDED.keep_yearly,
                    version = EXCLUDED.version, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at""",
                e.policyId(), e.tenantId(), e.name(), e.schedule(), e.timeZone(), e.windowMinutes(), e.consistency(),
                e.keepLast(), e.keepHourly(), e.keepDaily(), e.keepWeekly(), e.keepMonthly(), e.keepYearly(),
                e.version(), e.setBy(), ts(e.setAt()));
    }

    @EventHandler
    void on(BackupPolicyDeleted e) {
        Sql.update(dataSource, "DELETE FROM backup_policy_vm WHERE policy_id = ?", e.policyId());
        Sql.update(dataSource, "DELETE FROM backup_policy WHERE policy_id = ?", e.policyId());
    }

    @EventHandler
    void on(BackupPolicyAssignmentsSet e) {
        Sql.update(dataSource, """
                UPDATE backup_policy SET tenant_default_at = ?, fleet_default_at = ?, assignments_version = ?
                WHERE policy_id = ?""",
                e.tenantDefault() ? ts(e.setAt()) : null, e.fleetDefault() ? ts(e.setAt()) : null, e.version(),
                e.policyId());
        Sql.update(dataSource, "DELETE FROM backup_policy_vm WHERE policy_id = ? AND NOT (vm_id = ANY (?))",
                e.policyId(), e.vmIds().toArray(String[]::new));
        for (String vmId : e.vmIds()) {
            Sql.update(dataSource, """
                    INSERT INTO backup_policy_vm (vm_id, policy_id) VALUES (?, ?)
                    ON CONFLICT (vm_id) DO UPDATE SET policy_id = EXCLUDED.policy_id""", vmId, e.policyId());
        }
    }
}
