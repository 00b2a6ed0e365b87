package dev.hyperplane.memory.messaging;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.HotAddFailedOnHost;
import dev.hyperplane.events.agent.IntegrationServicesNegotiated;
import dev.hyperplane.events.agent.SmartPagingChangedOnHost;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.agent.VmSettingsChangedOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.events.host.HostHealthChanged;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the memory balancer knows of hosts and VMs: capacity and availability from host events; tenant, guest OS
 * and memory settings from provisioning's VM events and from what hosts report; where each VM runs (placement,
 * start, live migration); what its guest can do with Dynamic Memory; hot-add failures and Smart Paging; and the
 * hosts' answers to policy pushes. Every event is applied once (inbox).
 */
@ApplicationScoped
public class FleetConsumer extends IdempotentConsumer {
    /** States in which the guest is gone: a new boot may hot-add again. */
    private static final Set<String> GUEST_GONE = Set.of("Off", "Saved", "Resetting", "Starting");

    @Inject
    AgroalDataSource dataSource;

    @Override
    protected String group() {
        return "memory-balancer-fleet";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.HOST_EVENTS, Topics.VM_EVENTS, Topics.AGENT_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        Runnable effect = effectOf(event.data());
        if (effect != null) {
            once(event, effect);
        }
    }

    private Runnable effectOf(Object data) {
        if (data instanceof HostRegistered e) {
            return () -> update("""
                    INSERT INTO mb_host (host_id, memory_mb, capacity_mb, windows_server_version, logical_processors)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (host_id) DO UPDATE SET memory_mb = EXCLUDED.memory_mb,
                        capacity_mb = EXCLUDED.capacity_mb, windows_server_version = EXCLUDED.windows_server_version,
                        logical_processors = EXCLUDED.logical_processors""",
                    e.hostId(), e.memoryMb(), e.memoryMb() - e.rootReserveMb(), e.windowsServerVersion(),
                    e.logicalProcessors());
        }
        if (data instanceof HostHealthChanged e) {
            return () -> update("UPDATE mb_host SET reachable = ? WHERE host_id = ?",
                    !"Unreachable".equals(e.health()), e.hostId());
        }
        if (data instanceof HostMaintenanceChanged e) {
            return () -> update("UPDATE mb_host SET in_maintenance = ? WHERE host_id = ?", e.inMaintenance(),
                    e.hostId());
        }
        if (data instanceof VmRequested e) {
            MemoryPlan p = e.memory();
            return () -> update("""
                    INSERT INTO mb_vm (vm_id, tenant_id, guest_family, guest_distribution, guest_version, startup_mb,
                        dynamic, minimum_mb, maximum_mb, buffer_percent, priority, vcpus, secure_boot,
                        anti_affinity_group)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (vm_id) DO NOTHING""",
                    e.vmId(), e.tenantId(), e.guestOs().family(), e.guestOs().distribution(), e.guestOs().version(),
                    e.memoryMb(), p.enabled(), p.minimumMb(), p.maximumMb(), p.bufferPercent(), p.priority(),
                    e.vcpus(), e.secureBoot(), e.antiAffinityGroup());
        }
        if (data instanceof VmPlaced e) {
            return () -> placeOn(e.vmId(), e.hostId());
        }
        if (data instanceof VmStartedOnHost e) {
            return () -> placeOn(e.vmId(), e.hostId());
        }
        if (data instanceof VmMigratedOnHost e) {
            return () -> placeOn(e.vmId(), e.destinationHostId());
        }
        if (data instanceof VmResized e) {
            return () -> setSize(e.vmId(), e.vcpus(), e.memoryMb(), e.memory());
        }
        if (data instanceof VmSettingsChangedOnHost e) {
            return () -> setSize(e.vmId(), e.vcpus(), e.memoryMb(), e.memory());
        }
        if (data instanceof VmOperationCompleted e && "Deleted".equals(e.state())) {
            return () -> update("UPDATE mb_vm SET deleted = TRUE WHERE vm_id = ?", e.vmId());
        }
        if (data instanceof IntegrationServicesNegotiated e) {
            return () -> update("UPDATE mb_vm SET supported_features = ?, unsupported_features = ? WHERE vm_id = ?",
                    JsonColumn.write(e.supportedFeatures()), JsonColumn.write(e.unsupportedFeatures()), e.vmId());
        }
        if (data instanceof GuestInfoReported e && e.processorArchitecture() != null
                && !e.processorArchitecture().isEmpty()) {
            return () -> update("UPDATE mb_vm SET architecture = ? WHERE vm_id = ?", e.processorArchitecture(),
                    e.vmId());
        }
        if (data instanceof HotAddFailedOnHost e && e.permanent()) {
            return () -> update("UPDATE mb_vm SET hot_add_failed = TRUE WHERE vm_id = ?", e.vmId());
        }
        if (data instanceof VmStateChangedOnHost e && GUEST_GONE.contains(e.to())) {
            return () -> update("UPDATE mb_vm SET hot_add_failed = FALSE, smart_paging_mb = 0 WHERE vm_id = ?",
                    e.vmId());
        }
        if (data instanceof SmartPagingChangedOnHost e) {
            return () -> update("UPDATE mb_vm SET smart_paging_mb = ? WHERE vm_id = ?", e.active() ? e.pagedMb() : 0,
                    e.vmId());
        }
        if (data instanceof AgentCommandCompleted e) {
            return () -> update("UPDATE mb_push SET state = 'applied', reason = NULL WHERE command_id = ?",
                    e.commandId());
        }
        if (data instanceof AgentCommandRejected e) {
            return () -> update("UPDATE mb_push SET state = 'rejected', reason = ? WHERE command_id = ?", e.reason(),
                    e.commandId());
        }
        return null;
    }

    private void placeOn(String vmId, String hostId) {
        update("UPDATE mb_vm SET host_id = ? WHERE vm_id = ?", hostId, vmId);
    }

    private void setSize(String vmId, int vcpus, long startupMb, MemoryPlan p) {
        update("""
                UPDATE mb_vm SET vcpus = ?, startup_mb = ?, dynamic = ?, minimum_mb = ?, maximum_mb = ?,
                    buffer_percent = ?, priority = ? WHERE vm_id = ?""",
                vcpus, startupMb, p.enabled(), p.minimumMb(), p.maximumMb(), p.bufferPercent(), p.priority(), vmId);
    }

    private void update(String sql, Object... args) {
        Sql.update(dataSource, sql, args);
    }
}
