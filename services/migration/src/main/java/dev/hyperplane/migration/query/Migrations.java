package dev.hyperplane.migration.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads migrations: one with its passes, pages of them, and the one a VM is in. */
@ApplicationScoped
public class Migrations {

    @Inject
    AgroalDataSource dataSource;

    public Optional<MigrationView> find(String migrationId) {
        return Sql.queryOne(dataSource, "SELECT * FROM migration_view WHERE migration_id = ?", Migrations::view,
                migrationId).map(m -> m.withPasses(Sql.query(dataSource, """
                SELECT pass, sent_mb, dirty_mb, duration_ms, allowed_downtime_ms, finished_at FROM migration_pass
                WHERE migration_id = ? ORDER BY pass""", rs -> new MigrationView.Pass(rs.getInt(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getTimestamp(6).toInstant()), migrationId)));
    }

    /** Newest first, after the cursor (a migration id); for a VM, a host (source or destination), a state. */
    public List<MigrationView> list(String vmId, String hostId, String state, String after, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM migration_view
                WHERE (?::text IS NULL OR vm_id = ?)
                  AND (?::text IS NULL OR source_host_id = ? OR destination_host_id = ?)
                  AND (?::text IS NULL OR state = ?)
                  AND (?::text IS NULL OR (requested_at, migration_id) < (SELECT requested_at, migration_id
                       FROM migration_view WHERE migration_id = ?))
                ORDER BY requested_at DESC, migration_id DESC LIMIT ?""", Migrations::view,
                vmId, vmId, hostId, hostId, hostId, state, state, after, after, limit);
    }

    /** The migration the VM is in now, if any. */
    public Optional<String> activeFor(String vmId) {
        return Sql.queryOne(dataSource, """
                SELECT migration_id FROM migration_view WHERE vm_id = ? AND state IN ('preparing', 'copying')
                ORDER BY requested_at DESC LIMIT 1""", rs -> rs.getString(1), vmId);
    }

    private static MigrationView view(ResultSet rs) throws SQLException {
        return new MigrationView(rs.getString("migration_id"), rs.getString("vm_id"), rs.getString("source_host_id"),
                rs.getString("destination_host_id"), rs.getString("target_host_id"), rs.getString("state"),
                rs.getString("policy"), rs.getString("mode"), rs.getString("cause"), rs.getString("requested_by"),
                rs.getInt("passes"), (Long) rs.getObject("allowed_downtime_ms"), (Long) rs.getObject("downtime_ms"),
                rs.getString("failure_reason"), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), null);
    }
}
