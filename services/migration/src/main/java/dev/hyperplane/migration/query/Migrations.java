package dev.hyperplane.migration.query;

import dev.hyperplane.migration.domain.ConcurrencyLimits;
import dev.hyperplane.migration.domain.MigrationPolicy;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads migrations: one with its passes, pages of them, the one a VM is in, and what the concurrency limits count. */
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

    /** The migration the VM is in now (queued or running), if any. */
    public Optional<String> activeFor(String vmId) {
        return Sql.queryOne(dataSource, """
                SELECT migration_id FROM migration_view WHERE vm_id = ? AND state IN ('queued', 'preparing', 'copying')
                ORDER BY requested_at DESC LIMIT 1""", rs -> rs.getString(1), vmId);
    }

    /** Migrations that hold their hosts: a destination being reserved, or passes under way. */
    public List<ConcurrencyLimits.Migration> running() {
        return Sql.query(dataSource, """
                SELECT migration_id, source_host_id, COALESCE(destination_host_id, target_host_id), policy
                FROM migration_view WHERE state IN ('preparing', 'copying')""", Migrations::limited);
    }

    /** Queued migrations in the order they were asked for, each from the host its VM runs on now. */
    public List<ConcurrencyLimits.Migration> queued() {
        return Sql.query(dataSource, """
                SELECT m.migration_id, COALESCE(vm.host_id, m.source_host_id), m.target_host_id, m.policy
                FROM migration_view m LEFT JOIN migration_vm vm ON vm.vm_id = m.vm_id
                WHERE m.state = 'queued' ORDER BY m.requested_at, m.migration_id""", Migrations::limited);
    }

    private static ConcurrencyLimits.Migration limited(ResultSet rs) throws SQLException {
        int perHost = MigrationPolicy.of(rs.getString(4)).map(MigrationPolicy::perHost).orElse(1);
        return new ConcurrencyLimits.Migration(rs.getString(1), rs.getString(2), rs.getString(3), perHost);
    }

    private static MigrationView view(ResultSet rs) throws SQLException {
        return new MigrationView(rs.getString("migration_id"), rs.getString("vm_id"), rs.getString("source_host_id"),
                rs.getString("destination_host_id"), rs.getString("target_host_id"), rs.getString("state"),
                rs.getString("policy"), rs.getString("mode"), rs.getString("cause"), rs.getString("requested_by"),
                rs.getInt("passes"), (Long) rs.getObject("allowed_downtime_ms"), (Long) rs.getObject("downtime_ms"),
                rs.getString("failure_reason"), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("started_at") == null ? null : rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), null);
    }
}
