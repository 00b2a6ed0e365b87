package dev.hyperplane.backup.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.hyperplane.platform.jdbc.Sql.instant;

/** Restores as the API and provisioning's answers read them. */
@ApplicationScoped
public class Restores {

    @Inject
    AgroalDataSource dataSource;

    public Optional<RestoreView> find(String restoreId) {
        return Sql.queryOne(dataSource, "SELECT * FROM restore WHERE restore_id = ?", Restores::view, restoreId);
    }

    /** The running restore that creates {@code vmId} as a new VM: a VM's start or failure ends it. */
    public Optional<String> runningNewVm(String vmId) {
        return Sql.queryOne(dataSource, "SELECT restore_id FROM restore WHERE vm_id = ? AND mode = 'new-vm' "
                + "AND state = 'running'", rs -> rs.getString(1), vmId);
    }

    /** Newest first; {@code tenantId} null: every tenant's; {@code vmId} matches the source VM or the restored one. */
    public List<RestoreView> list(String tenantId, String vmId, String afterId, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM restore
                WHERE (?::text IS NULL OR tenant_id = ?) AND (?::text IS NULL OR vm_id = ? OR source_vm_id = ?)
                  AND (?::text IS NULL OR (requested_at, restore_id) < (SELECT requested_at, restore_id FROM restore
                                                                        WHERE restore_id = ?))
                ORDER BY requested_at DESC, restore_id DESC LIMIT ?""", Restores::view, tenantId, tenantId, vmId,
                vmId, vmId, afterId, afterId, limit);
    }

    private static RestoreView view(ResultSet rs) throws SQLException {
        return new RestoreView(rs.getString("restore_id"), rs.getString("restore_point_id"),
                rs.getString("source_vm_id"), rs.getString("vm_id"), rs.getString("tenant_id"), rs.getString("mode"),
                rs.getString("name"), rs.getString("state"), rs.getString("requested_by"),
                instant(rs.getTimestamp("requested_at")), instant(rs.getTimestamp("ended_at")),
                rs.getString("reason"));
    }
}
