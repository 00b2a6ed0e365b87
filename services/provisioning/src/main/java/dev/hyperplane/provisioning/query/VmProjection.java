package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmHaPriorityChanged;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmOperationFailed;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmResizeRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.placement.HaPriority;
import dev.hyperplane.placement.MigrationMode;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/**
 * Keeps {@code vm_view} and {@code operation} in step with the VM events. It runs in a subscribing processor,
 * inside the transaction that appends the events, so the read model is never behind its own writes.
 * The VM's version is the aggregate sequence number of its latest event (the ETag), agent commands included.
 */
@ApplicationScoped
@ProcessingGroup(VmProjection.PROCESSING_GROUP)
public class VmProjection {
    public static final String PROCESSING_GROUP = "vm-projection";

    /** What the panel sees while an operation runs. */
    private static final Map<String, String> IN_PROGRESS = Map.of("start", "Starting", "stop", "Stopping",
            "restart", "Restarting", "delete", "Deleting", "resize", "Resizing");

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(VmRequested e, @SequenceNumber long version) {
        var memory = e.memory();
        execute("""
                INSERT INTO vm_view (vm_id, tenant_id, name, vcpus, memory_mb, guest_family, guest_distribution,
                    guest_version, guest_catalog_id, state, version, created_at, updated_at, anti_affinity_group,
                    memory_plan_enabled, memory_minimum_mb, memory_maximum_mb, migration_mode, ha_priority)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Requested', ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (vm_id) DO NOTHING""",
                e.vmId(), e.tenantId(), e.name(), e.vcpus(), e.memoryMb(), e.guestOs().family(),
                e.guestOs().distribution(), e.guestOs().version(), e.guestOs().catalogId(), version, ts(e.requestedAt()), ts(e.requestedAt()),
                e.antiAffinityGroup(), memory.enabled(), memory.minimumMb(), memory.maximumMb(),
                MigrationMode.of(e.migrationMode()).label(), HaPriority.of(e.haPriority()).label());
        startOperation(e.operationId(), e.vmId(), "create", e.requestedBy(), e.requestedAt());
    }

    @EventHandler
    void on(VmHaPriorityChanged e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET ha_priority = ?, version = ?, updated_at = ? WHERE vm_id = ?",
                e.haPriority(), version, ts(e.changedAt()), e.vmId());
    }

    @EventHandler
    void on(VmMigrationModeChanged e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET migration_mode = ?, version = ?, updated_at = ? WHERE vm_id = ?",
                e.migrationMode(), version, ts(e.changedAt()), e.vmId());
    }

    @EventHandler
    void on(VmPlaced e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET host_id = ?, state = 'Placed', version = ?, updated_at = ? WHERE vm_id = ?",
                e.hostId(), version, ts(e.placedAt()), e.vmId());
        execute("""
                UPDATE operation SET progress = 50, warning = ?, updated_at = ?
                WHERE vm_id = ? AND kind = 'create' AND state = 'Running'""", e.warning(), ts(e.placedAt()),
                e.vmId());
    }

    /** Commands to the VM's host are events of the VM too: they move its version. */
    @EventHandler
    void on(AgentCommand e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET version = GREATEST(version, ?) WHERE vm_id = ?", version, e.vmId());
    }

    /** A move under way shows as Moving on its source; where it ends, the VM is Running (on the destination, moved). */
    @EventHandler
    void on(VmMoveStarted e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET state = 'Moving', version = ?, updated_at = ? WHERE vm_id = ?",
                version, ts(e.startedAt()), e.vmId());
    }

    @EventHandler
    void on(VmMoved e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET host_id = ?, state = 'Running', version = ?, updated_at = ? WHERE vm_id = ?",
                e.destinationHostId(), version, ts(e.movedAt()), e.vmId());
    }

    @EventHandler
    void on(VmMoveAbandoned e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET state = ?, version = ?, updated_at = ? WHERE vm_id = ?",
                e.stateAfter(), version, ts(e.abandonedAt()), e.vmId());
    }

    @EventHandler
    void on(VmMoveRefused e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET version = GREATEST(version, ?) WHERE vm_id = ?", version, e.vmId());
    }

    @EventHandler
    void on(VmStarted e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET host_id = ?, state = 'Running', version = ?, updated_at = ? WHERE vm_id = ?",
                e.hostId(), version, ts(e.startedAt()), e.vmId());
        endCreate(e.vmId(), "Succeeded", null, e.startedAt());
    }

    @EventHandler
    void on(VmFailed e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET state = 'Failed', failure_reason = ?, version = ?, updated_at = ? WHERE vm_id = ?",
                e.reason(), version, ts(e.failedAt()), e.vmId());
        endCreate(e.vmId(), "Failed", e.reason(), e.failedAt());
    }

    @EventHandler
    void on(VmOperationRequested e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET state = ?, version = ?, updated_at = ? WHERE vm_id = ?",
                IN_PROGRESS.get(e.action()), version, ts(e.requestedAt()), e.vmId());
        startOperation(e.operationId(), e.vmId(), e.action(), e.requestedBy(), e.requestedAt());
    }

    @EventHandler
    void on(VmResizeRequested e, @SequenceNumber long version) {
        execute("""
                UPDATE vm_view SET state = 'Resizing', pending_vcpus = ?, pending_memory_mb = ?, version = ?,
                    updated_at = ? WHERE vm_id = ?""",
                e.vcpus(), e.memory().mostMb(e.memoryMb()), version, ts(e.requestedAt()), e.vmId());
        startOperation(e.operationId(), e.vmId(), "resize", e.requestedBy(), e.requestedAt());
    }

    @EventHandler
    void on(VmResized e, @SequenceNumber long version) {
        var memory = e.memory();
        execute("""
                UPDATE vm_view SET vcpus = ?, memory_mb = ?, memory_plan_enabled = ?, memory_minimum_mb = ?,
                    memory_maximum_mb = ?, version = ?, updated_at = ? WHERE vm_id = ?""",
                e.vcpus(), e.memoryMb(), memory.enabled(), memory.minimumMb(), memory.maximumMb(), version,
                ts(e.resizedAt()), e.vmId());
    }

    @EventHandler
    void on(VmOperationCompleted e, @SequenceNumber long version) {
        execute("""
                UPDATE vm_view SET state = ?, pending_vcpus = NULL, pending_memory_mb = NULL, version = ?,
                    updated_at = ? WHERE vm_id = ?""", e.state(), version, ts(e.completedAt()), e.vmId());
        endOperation(e.operationId(), "Succeeded", null, e.completedAt());
    }

    @EventHandler
    void on(VmOperationFailed e, @SequenceNumber long version) {
        execute("""
                UPDATE vm_view SET state = ?, pending_vcpus = NULL, pending_memory_mb = NULL, version = ?,
                    updated_at = ? WHERE vm_id = ?""", e.state(), version, ts(e.failedAt()), e.vmId());
        endOperation(e.operationId(), "Failed", e.reason(), e.failedAt());
    }

    @EventHandler
    void on(VmRestoreStarted e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET state = 'Restoring', version = ?, updated_at = ? WHERE vm_id = ?",
                version, ts(e.startedAt()), e.vmId());
        startOperation(e.restoreId(), e.vmId(), "restore", e.requestedBy(), e.startedAt());
    }

    @EventHandler
    void on(VmRestored e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET state = 'Running', host_id = ?, version = ?, updated_at = ? WHERE vm_id = ?",
                e.hostId(), version, ts(e.restoredAt()), e.vmId());
        endOperation(e.restoreId(), "Succeeded", null, e.restoredAt());
    }

    /** A refusal changed nothing; a failure on the host leaves the VM in the state the aggregate keeps. */
    @EventHandler
    void on(VmRestoreFailed e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET state = COALESCE(?, state), version = GREATEST(version, ?), updated_at = ? "
                + "WHERE vm_id = ?", e.state(), version, ts(e.failedAt()), e.vmId());
        endOperation(e.restoreId(), "Failed", e.reason(), e.failedAt());
    }

    /** What the hosts report corrects the record; a tear-down leaves the (final) state as it is. */
    @EventHandler
    void on(VmReconciled e, @SequenceNumber long version) {
        if (e.correction().equals("tear-down")) {
            execute("UPDATE vm_view SET version = ?, updated_at = ? WHERE vm_id = ?", version, ts(e.reconciledAt()),
                    e.vmId());
        } else {
            execute("UPDATE vm_view SET state = ?, host_id = ?, version = ?, updated_at = ? WHERE vm_id = ?",
                    e.state(), e.hostId(), version, ts(e.reconciledAt()), e.vmId());
        }
    }

    private void startOperation(String operationId, String vmId, String kind, String requestedBy, Instant at) {
        execute("""
                INSERT INTO operation (operation_id, vm_id, kind, state, progress, requested_by, created_at, updated_at)
                VALUES (?, ?, ?, 'Running', 0, ?, ?, ?) ON CONFLICT (operation_id) DO NOTHING""",
                operationId, vmId, kind, requestedBy, ts(at), ts(at));
    }

    private void endCreate(String vmId, String state, String error, Instant at) {
        execute("""
                UPDATE operation SET state = ?, progress = 100, error = ?, updated_at = ?
                WHERE vm_id = ? AND kind = 'create' AND state = 'Running'""", state, error, ts(at), vmId);
    }

    private void endOperation(String operationId, String state, String error, Instant at) {
        execute("""
                UPDATE operation SET state = ?, progress = 100, error = ?, updated_at = ?
                WHERE operation_id = ? AND state = 'Running'""", state, error, ts(at), operationId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private void execute(String sql, Object... args) {
        Sql.update(dataSource, sql, args);
    }
}
