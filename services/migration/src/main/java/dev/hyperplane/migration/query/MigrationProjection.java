package dev.hyperplane.migration.query;

import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationProgressed;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.sql.Timestamp;
import java.time.Instant;

/** Writes {@code migration_view} and {@code migration_pass} from a migration's events, in their transaction. */
@ApplicationScoped
@ProcessingGroup(MigrationProjection.PROCESSING_GROUP)
public class MigrationProjection {
    public static final String PROCESSING_GROUP = "migration-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(MigrationRequested e) {
        Sql.update(dataSource, """
                INSERT INTO migration_view (migration_id, vm_id, source_host_id, target_host_id, state, policy, mode,
                    cause, requested_by, requested_at, updated_at)
                VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?) ON CONFLICT (migration_id) DO NOTHING""",
                e.migrationId(), e.vmId(), e.sourceHostId(), e.targetHostId(), e.policy(), e.mode(), e.cause(), e.requestedBy(),
                ts(e.requestedAt()), ts(e.requestedAt()));
    }

    @EventHandler
    void on(MigrationStarted e) {
        Sql.update(dataSource, """
                UPDATE migration_view SET source_host_id = ?, state = 'preparing', started_at = ?, updated_at = ?
                WHERE migration_id = ? AND state = 'queued'""", e.sourceHostId(), ts(e.startedAt()), ts(e.startedAt()),
                e.migrationId());
    }

    @EventHandler
    void on(MigrateVmOnHost e) {
        Sql.update(dataSource, """
                UPDATE migration_view SET source_host_id = ?, destination_host_id = ?, state = 'copying'
                WHERE migration_id = ?""", e.hostId(), e.destinationHostId(), e.commandId());
    }

    @EventHandler
    void on(MigrationProgressed e) {
        Sql.update(dataSource, """
                UPDATE migration_view SET state = ?, passes = GREATEST(passes, ?), allowed_downtime_ms = ?,
                    updated_at = ? WHERE migration_id = ?""",
                e.state(), e.pass(), e.allowedDowntimeMs(), ts(e.at()), e.migrationId());
        if (e.pass() > 0) {
            Sql.update(dataSource, """
                    INSERT INTO migration_pass (migration_id, pass, sent_mb, dirty_mb, duration_ms, allowed_downtime_ms,
                        finished_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    e.migrationId(), e.pass(), e.sentMb(), e.dirtyMb(), e.passDurationMs(), e.allowedDowntimeMs(),
                    ts(e.at()));
        }
    }

    @EventHandler
    void on(MigrationCompleted e) {
        Sql.update(dataSource, """
                UPDATE migration_view SET state = 'completed', passes = ?, downtime_ms = ?, source_host_id = ?,
                    destination_host_id = ?, updated_at = ? WHERE migration_id = ?""",
                e.passes(), e.downtimeMs(), e.sourceHostId(), e.destinationHostId(), ts(e.completedAt()),
                e.migrationId());
    }

    @EventHandler
    void on(MigrationEnded e) {
        Sql.update(dataSource, """
                UPDATE migration_view SET state = ?, failure_reason = ?, updated_at = ? WHERE migration_id = ?""",
                e.state(), e.reason(), ts(e.endedAt()), e.migrationId());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
