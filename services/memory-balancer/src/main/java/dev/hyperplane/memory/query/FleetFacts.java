package dev.hyperplane.memory.query;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.IntegrationServicesNegotiated;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes what the memory balancer learns of hosts and VMs from the other services' events into {@code mb_host} and
 * {@code mb_vm} (read back through {@link FleetMemory}). Every write is idempotent; the caller applies each event
 * once.
 */
@ApplicationScoped
public class FleetFacts {

    @Inject
    AgroalDataSource dataSource;

    public void hostRegistered(HostRegistered e) {
        update("""
                INSERT INTO mb_host (host_id, memory_mb, capacity_mb, windows_server_version, logical_processors)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET memory_mb = EXCLUDED.memory_mb,
                    capacity_mb = EXCLUDED.capacity_mb, windows_server_version = EXCLUDED.windows_server_version,
                    logical_processors = EXCLUDED.logical_processors""",
                e.hostId(), e.memoryMb(), e.memoryMb() - e.rootReserveMb(), e.windowsServerVersion(),
                e.logicalProcessors());
    }

    public void hostReachable(String hostId, boolean reachable) {
        update("UPDATE mb_host SET reachable = ? WHERE host_id = ?", reachable, hostId);
    }

    public void hostInMaintenance(String hostId, boolean inMaintenance) {
        update("UPDATE mb_host SET in_maintenance = ? WHERE host_id = ?", inMaintenance, hostId);
    }

    public void vmRequested(VmRequested e) {
        MemoryPlan p = e.memory();
        update("""
                INSERT INTO mb_vm (vm_id, tenant_id, guest_family, guest_distribution, guest_version, guest_catalog_id,
                    startup_mb, dynamic, minimum_mb, maximum_mb, buffer_percent, priority, vcpus, secure_boot,
                    anti_affinity_group, approved_most_mb)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (vm_id) DO NOTHING""",
                e.vmId(), e.tenantId(), e.guestOs().family(), e.guestOs().distribution(), e.guestOs().version(),
                e.guestOs().catalogId(), e.memoryMb(), p.enabled(), p.minimumMb(), p.maximumMb(), p.bufferPercent(), p.priority(),
                e.vcpus(), e.secureBoot(), e.antiAffinityGroup(), p.mostMb(e.memoryMb()));
    }

    public void vmOn(String vmId, String hostId) {
        update("UPDATE mb_vm SET host_id = ? WHERE vm_id = ?", hostId, vmId);
    }

    /** New processor and memory settings, as requested or as the host reports them. */
    public void vmSized(String vmId, int vcpus, long startupMb, MemoryPlan p) {
        update("""
                UPDATE mb_vm SET vcpus = ?, startup_mb = ?, dynamic = ?, minimum_mb = ?, maximum_mb = ?,
                    buffer_percent = ?, priority = ? WHERE vm_id = ?""",
                vcpus, startupMb, p.enabled(), p.minimumMb(), p.maximumMb(), p.bufferPercent(), p.priority(), vmId);
    }

    /** Provisioning resized the VM: the most it may hold is what it approved now. */
    public void vmApproved(String vmId, long mostMb) {
        update("UPDATE mb_vm SET approved_most_mb = ? WHERE vm_id = ?", mostMb, vmId);
    }

    public void vmDeleted(String vmId) {
        update("UPDATE mb_vm SET deleted = TRUE WHERE vm_id = ?", vmId);
    }

    public void guestNegotiated(IntegrationServicesNegotiated e) {
        update("UPDATE mb_vm SET supported_features = ?, unsupported_features = ? WHERE vm_id = ?",
                JsonColumn.write(e.supportedFeatures()), JsonColumn.write(e.unsupportedFeatures()), e.vmId());
    }

    public void guestArchitecture(String vmId, String architecture) {
        update("UPDATE mb_vm SET architecture = ? WHERE vm_id = ?", architecture, vmId);
    }

    public void hotAddFailed(String vmId) {
        update("UPDATE mb_vm SET hot_add_failed = TRUE WHERE vm_id = ?", vmId);
    }

    /** The guest is gone (off, saved, restarting): a new boot may hot-add again and pages nothing. */
    public void guestGone(String vmId) {
        update("UPDATE mb_vm SET hot_add_failed = FALSE, smart_paging_mb = 0 WHERE vm_id = ?", vmId);
    }

    public void smartPaging(String vmId, long pagedMb) {
        update("UPDATE mb_vm SET smart_paging_mb = ? WHERE vm_id = ?", pagedMb, vmId);
    }

    private void update(String sql, Object... args) {
        Sql.update(dataSource, sql, args);
    }
}
