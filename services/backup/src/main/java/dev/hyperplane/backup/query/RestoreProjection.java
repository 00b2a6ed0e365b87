package dev.hyperplane.backup.query;

import dev.hyperplane.events.backup.RestoreCompleted;
import dev.hyperplane.events.backup.RestoreFailed;
import dev.hyperplane.events.backup.RestoreRequested;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * Writes {@code restore} from the Restore aggregate's events, in the command's transaction: a 202 is never followed
 * by a 404 on its Location, and provisioning's answer about the VM finds the restore it ends.
 */
@ApplicationScoped
@ProcessingGroup(RestoreProjection.PROCESSING_GROUP)
public class RestoreProjection {
    public static final String PROCESSING_GROUP = "restore-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(RestoreRequested e) {
        Sql.update(dataSource, """
                INSERT INTO restore (restore_id, restore_point_id, source_vm_id, vm_id, tenant_id, mode, name, state,
                    requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?) ON CONFLICT (restore_id) DO NOTHING""",
                e.restoreId(), e.restorePointId(), e.sourceVmId(), e.vmId(), e.tenantId(), e.mode(), e.name(),
                e.requestedBy(), ts(e.requestedAt()));
    }

    @EventHandler
    void on(RestoreCompleted e) {
        Sql.update(dataSource, "UPDATE restore SET state = 'completed', ended_at = ? WHERE restore_id = ?",
                ts(e.completedAt()), e.restoreId());
    }

    @EventHandler
    void on(RestoreFailed e) {
        Sql.update(dataSource, "UPDATE restore SET state = 'failed', ended_at = ?, reason = ? WHERE restore_id = ?",
                ts(e.failedAt()), e.reason(), e.restoreId());
    }
}
