package dev.hyperplane.migration.query;

import dev.hyperplane.events.migration.EvacuationEnded;
import dev.hyperplane.events.migration.EvacuationReturnStarted;
import dev.hyperplane.events.migration.EvacuationStarted;
import dev.hyperplane.migration.command.EvacuationCancelRequested;
import dev.hyperplane.migration.command.EvacuationVm;
import dev.hyperplane.migration.command.EvacuationVmsAdded;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.sql.Timestamp;

/** Writes {@code evacuation_view} and {@code evacuation_vm} from an evacuation's events, in their transaction. */
@ApplicationScoped
@ProcessingGroup(EvacuationProjection.PROCESSING_GROUP)
public class EvacuationProjection {
    public static final String PROCESSING_GROUP = "evacuation-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(EvacuationStarted e) {
        Sql.update(dataSource, """
                INSERT INTO evacuation_view (evacuation_id, host_id, state, requested_by, started_at, updated_at)
                VALUES (?, ?, 'running', ?, ?, ?) ON CONFLICT (evacuation_id) DO NOTHING""",
                e.evacuationId(), e.hostId(), e.requestedBy(), Timestamp.from(e.startedAt()),
                Timestamp.from(e.startedAt()));
    }

    @EventHandler
    void on(EvacuationVmsAdded e) {
        for (EvacuationVm vm : e.vms()) {
            Sql.update(dataSource, """
                    INSERT INTO evacuation_vm (evacuation_id, vm_id, phase, migration_id, reason)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    e.evacuationId(), vm.vmId(), e.phase(), vm.migrationId(), vm.reason());
        }
    }

    @EventHandler
    void on(EvacuationCancelRequested e) {
        Sql.update(dataSource, "UPDATE evacuation_view SET state = 'cancelling', updated_at = ? WHERE evacuation_id = ?",
                Timestamp.from(e.at()), e.evacuationId());
    }

    @EventHandler
    void on(EvacuationEnded e) {
        Sql.update(dataSource, """
                UPDATE evacuation_view SET state = ?, moved = ?, failed = ?, host_empty = ?, ended_at = ?, updated_at = ?
                WHERE evacuation_id = ?""", e.state(), e.moved(), e.failed(), e.hostEmpty(),
                Timestamp.from(e.endedAt()), Timestamp.from(e.endedAt()), e.evacuationId());
    }

    @EventHandler
    void on(EvacuationReturnStarted e) {
        Sql.update(dataSource, """
                UPDATE evacuation_view SET state = 'returning', ended_at = NULL, updated_at = ? WHERE evacuation_id = ?""",
                Timestamp.from(e.startedAt()), e.evacuationId());
    }
}
