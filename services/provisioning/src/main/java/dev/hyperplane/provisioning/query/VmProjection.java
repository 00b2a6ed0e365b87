package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Keeps {@code vm_view} and {@code operation} in step with the VM events. It runs in a subscribing processor,
 * inside the transaction that appends the events, so the read model is never behind its own writes.
 * The VM's version is the aggregate sequence number (the ETag).
 */
@ApplicationScoped
@ProcessingGroup(VmProjection.PROCESSING_GROUP)
public class VmProjection {
    public static final String PROCESSING_GROUP = "vm-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(VmRequested e, @SequenceNumber long version) {
        execute("""
                INSERT INTO vm_view (vm_id, tenant_id, name, vcpus, memory_mb, guest_family, guest_distribution,
                    guest_version, state, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Requested', ?, ?, ?) ON CONFLICT (vm_id) DO NOTHING""",
                e.vmId(), e.tenantId(), e.name(), e.vcpus(), e.memoryMb(), e.guestOs().family(),
                e.guestOs().distribution(), e.guestOs().version(), version, ts(e.requestedAt()), ts(e.requestedAt()));
        execute("""
                INSERT INTO operation (operation_id, vm_id, kind, state, progress, created_at, updated_at)
                VALUES (?, ?, 'create', 'Running', 0, ?, ?) ON CONFLICT (operation_id) DO NOTHING""",
                e.operationId(), e.vmId(), ts(e.requestedAt()), ts(e.requestedAt()));
    }

    @EventHandler
    void on(VmPlaced e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET host_id = ?, state = 'Placed', version = ?, updated_at = ? WHERE vm_id = ?",
                e.hostId(), version, ts(e.placedAt()), e.vmId());
        progress(e.vmId(), "Running", 50, null, e.placedAt());
    }

    @EventHandler
    void on(VmStarted e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET host_id = ?, state = 'Running', version = ?, updated_at = ? WHERE vm_id = ?",
                e.hostId(), version, ts(e.startedAt()), e.vmId());
        progress(e.vmId(), "Succeeded", 100, null, e.startedAt());
    }

    @EventHandler
    void on(VmFailed e, @SequenceNumber long version) {
        execute("UPDATE vm_view SET state = 'Failed', failure_reason = ?, version = ?, updated_at = ? WHERE vm_id = ?",
                e.reason(), version, ts(e.failedAt()), e.vmId());
        progress(e.vmId(), "Failed", 100, e.reason(), e.failedAt());
    }

    private void progress(String vmId, String state, int percent, String error, Instant at) {
        execute("""
                UPDATE operation SET state = ?, progress = ?, error = ?, updated_at = ?
                WHERE vm_id = ? AND kind = 'create' AND state = 'Running'""", state, percent, error, ts(at), vmId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private void execute(String sql, Object... args) {
        Sql.update(dataSource, sql, args);
    }
}
