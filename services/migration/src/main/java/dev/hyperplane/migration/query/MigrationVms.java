package dev.hyperplane.migration.query;

import dev.hyperplane.placement.HaPriority;
import dev.hyperplane.placement.MigrationMode;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The VMs as provisioning announces them: their size, host, state, migration mode (which a migration request is
 * checked against) and HA priority (which orders their restarts when their host fails).
 */
@ApplicationScoped
public class MigrationVms {

    public record Vm(String vmId, String tenantId, long memoryMb, String hostId, String state, MigrationMode mode,
                     HaPriority haPriority) {
        private static final Set<String> SETTLED_NOT_RUNNING = Set.of("Stopped", "Failed", "Deleted", "Lost");

        /**
         * Why the VM cannot move in {@code requestedMode} (null: as its mode allows), if this service can tell. What
         * it heard may lag behind provisioning, which decides (and refuses with the reason): only a state no VM
         * leaves again, or leaves only by an operation, is refused here, and a mode that does not allow the move.
         */
        public Optional<String> refusal(String requestedMode) {
            if (SETTLED_NOT_RUNNING.contains(state)) {
                return Optional.of("VM " + vmId + " is " + state + "; only a Running VM migrates");
            }
            return mode.refusal(vmId, requestedMode);
        }
    }

    @Inject
    AgroalDataSource dataSource;

    public void requested(String vmId, String tenantId, long memoryMb, MigrationMode mode, HaPriority haPriority) {
        Sql.update(dataSource, """
                INSERT INTO migration_vm (vm_id, tenant_id, memory_mb, state, migration_mode, ha_priority)
                VALUES (?, ?, ?, 'Requested', ?, ?) ON CONFLICT (vm_id) DO NOTHING""",
                vmId, tenantId, memoryMb, mode.label(), haPriority.label());
    }

    public void haPriority(String vmId, HaPriority priority) {
        Sql.update(dataSource, "UPDATE migration_vm SET ha_priority = ? WHERE vm_id = ?", priority.label(), vmId);
    }

    public void mode(String vmId, MigrationMode mode) {
        Sql.update(dataSource, "UPDATE migration_vm SET migration_mode = ? WHERE vm_id = ?", mode.label(), vmId);
    }

    /** The VM's state, and its host when the event names one. */
    public void state(String vmId, String state, String hostId) {
        Sql.update(dataSource, "UPDATE migration_vm SET state = ?, host_id = COALESCE(?, host_id) WHERE vm_id = ?",
                state, hostId, vmId);
    }

    public void resized(String vmId, long memoryMb) {
        Sql.update(dataSource, "UPDATE migration_vm SET memory_mb = ? WHERE vm_id = ?", memoryMb, vmId);
    }

    /** The VMs this service believes are on the host, in no particular state. */
    public List<Vm> onHost(String hostId) {
        return Sql.query(dataSource, """
                SELECT vm_id, tenant_id, memory_mb, host_id, state, migration_mode, ha_priority FROM migration_vm
                WHERE host_id = ? AND state NOT IN ('Deleted', 'Failed') ORDER BY vm_id""", MigrationVms::vm, hostId);
    }

    public Optional<Vm> find(String vmId) {
        return Sql.queryOne(dataSource, """
                SELECT vm_id, tenant_id, memory_mb, host_id, state, migration_mode, ha_priority FROM migration_vm
                WHERE vm_id = ?""",
                MigrationVms::vm, vmId);
    }

    private static Vm vm(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Vm(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                MigrationMode.of(rs.getString(6)), HaPriority.of(rs.getString(7)));
    }
}
