package dev.hyperplane.inventory.query;

import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.GuestHeartbeatChanged;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.CrashDumpReported;
import dev.hyperplane.events.agent.HotAddFailedOnHost;
import dev.hyperplane.events.agent.IntegrationServicesNegotiated;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.agent.VmSettingsChangedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.events.agent.VmbusChannelsOpened;
import dev.hyperplane.events.agent.VmbusConnectedOnHost;
import dev.hyperplane.events.host.HostHealthChanged;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the fleet read model from the host, VM and agent topics with Hibernate Reactive: provisioning's
 * lifecycle state and sizes, and what the hosts report (power state, heartbeat, guest info from KVP, VMBus channel
 * layout, integration services and effective LIS capabilities, migrations, crash dumps, hot-add failures). The inbox row for each
 * CloudEvent is written in the same reactive transaction as the change, so redeliveries change nothing.
 */
@ApplicationScoped
public class FleetProjection extends IdempotentConsumer {

    @Override
    public String group() {
        return "inventory-fleet";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.HOST_EVENTS, Topics.VM_EVENTS, Topics.AGENT_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) throws Exception {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "INSERT INTO inbox (consumer, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                            .setParameter(1, group()).setParameter(2, event.id()).executeUpdate())
                    .chain(inserted -> inserted == 1 ? apply(event) : Uni.createFrom().voidItem())));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private Uni<Void> apply(InboundEvent event) {
        Object data = event.data();
        if (data instanceof HostRegistered e) {
            return HostView.<HostView>findById(e.hostId()).chain(found -> {
                HostView host = found != null ? found : new HostView();
                host.hostId = e.hostId();
                host.name = e.name();
                host.agentId = e.agentId();
                host.windowsServerVersion = e.windowsServerVersion();
                host.logicalProcessors = e.logicalProcessors();
                host.memoryMb = e.memoryMb();
                host.rootReserveMb = e.rootReserveMb();
                host.registeredAt = e.registeredAt();
                if (host.health == null) {
                    host.health = "Ready";
                }
                host.refreshState();
                return host.persist().replaceWithVoid();
            });
        }
        if (data instanceof HostHealthChanged e) {
            return updateHost(e.hostId(), host -> {
                host.health = e.health();
                host.healthReason = e.reason();
            });
        }
        if (data instanceof HostMaintenanceChanged e) {
            return updateHost(e.hostId(), host -> {
                host.inMaintenance = e.inMaintenance();
                host.maintenanceReason = e.reason();
            });
        }
        if (data instanceof VmRequested e) {
            return updateVm(e.vmId(), e.requestedAt(), vm -> {
                vm.tenantId = e.tenantId();
                vm.name = e.name();
                vm.guestFamily = e.guestOs().family();
                vm.guestDistribution = e.guestOs().distribution();
                vm.guestVersion = e.guestOs().version();
                vm.size(e.vcpus(), e.memoryMb(), e.memory());
                if (vm.state == null) {
                    vm.state = "Requested";
                }
            });
        }
        if (data instanceof VmPlaced e) {
            return updateVm(e.vmId(), e.placedAt(), vm -> {
                vm.hostId = e.hostId();
                if (!"Running".equals(vm.state) && !"Failed".equals(vm.state)) {
                    vm.state = "Placed";
                }
            });
        }
        if (data instanceof VmStarted e) {
            return updateVm(e.vmId(), e.startedAt(), vm -> {
                vm.hostId = e.hostId();
                vm.state = "Running";
            });
        }
        if (data instanceof VmFailed e) {
            return updateVm(e.vmId(), e.failedAt(), vm -> {
                vm.state = "Failed";
                vm.failureReason = e.reason();
            });
        }
        if (data instanceof VmOperationCompleted e) {
            return updateVm(e.vmId(), e.completedAt(), vm -> vm.state = e.state());
        }
        if (data instanceof VmReconciled e && !e.correction().equals("tear-down")) {
            // provisioning corrected its record from what the host reports (Lost, found, power state, host)
            return updateVm(e.vmId(), e.reconciledAt(), vm -> {
                vm.state = e.state();
                vm.hostId = e.hostId();
            });
        }
        if (data instanceof VmMoveStarted e) {
            return updateVm(e.vmId(), e.startedAt(), vm -> vm.state = "Moving");
        }
        if (data instanceof VmMoved e) { // provisioning records the VM on its new host: every command goes there
            return updateVm(e.vmId(), e.movedAt(), vm -> {
                vm.state = "Running";
                vm.hostId = e.destinationHostId();
            });
        }
        if (data instanceof VmMoveAbandoned e) {
            return updateVm(e.vmId(), e.abandonedAt(), vm -> vm.state = e.stateAfter());
        }
        if (data instanceof VmResized e) {
            return updateVm(e.vmId(), e.resizedAt(), vm -> vm.size(e.vcpus(), e.memoryMb(), e.memory()));
        }
        if (data instanceof VmStateChangedOnHost e) {
            if (e.reason().startsWith("live migration to ") || e.reason().startsWith("quick migration to ")) {
                return Uni.createFrom().voidItem(); // the VM runs on its destination; VmMigratedOnHost moves it
            }
            return updateVm(e.vmId(), e.at(), vm -> {
                vm.hostId = e.hostId();
                vm.powerState = e.to();
            });
        }
        if (data instanceof VmMigratedOnHost e) {
            return updateVm(e.vmId(), e.at(), vm -> {
                if (e.hostId().equals(vm.hostId)) { // unless the destination reported it already
                    vm.hostId = e.destinationHostId();
                }
            });
        }
        if (data instanceof VmbusConnectedOnHost e) {
            return updateVm(e.vmId(), e.at(), vm -> vm.vmbusVersion = e.vmbusVersion());
        }
        if (data instanceof VmbusChannelsOpened e) {
            return updateVm(e.vmId(), e.at(), vm -> vm.vmbusChannels = JsonColumn.write(e.channels()));
        }
        if (data instanceof IntegrationServicesNegotiated e) {
            return updateVm(e.vmId(), e.at(), vm -> {
                vm.integrationServices = JsonColumn.write(e.services());
                vm.lisSupported = JsonColumn.write(e.supportedFeatures());
                vm.lisUnsupported = JsonColumn.write(e.unsupportedFeatures());
            });
        }
        if (data instanceof VmSettingsChangedOnHost e) {
            return updateVm(e.vmId(), e.at(), vm -> vm.size(e.vcpus(), e.memoryMb(), e.memory()));
        }
        if (data instanceof CrashDumpReported e) {
            CrashDump dump = new CrashDump();
            dump.reported(event.id(), e.vmId(), e.hostId(), e.simTimeMs(), e.at());
            dump.captured = e.captured();
            dump.dumpMb = e.dumpMb();
            dump.reason = e.reason();
            return dump.persist().replaceWithVoid();
        }
        if (data instanceof HotAddFailedOnHost e) {
            HotAddFailure failure = new HotAddFailure();
            failure.reported(event.id(), e.vmId(), e.hostId(), e.simTimeMs(), e.at());
            failure.permanent = e.permanent();
            failure.reason = e.reason();
            return failure.persist().replaceWithVoid();
        }
        if (data instanceof GuestInfoReported e) {
            return updateVm(e.vmId(), e.at(), vm -> {
                vm.fqdn = e.fqdn();
                vm.ipv4 = e.ipv4();
                vm.ipv6 = e.ipv6();
                vm.osName = e.osName();
                vm.osVersion = e.osVersion();
                vm.integrationServicesVersion = e.integrationServicesVersion();
            });
        }
        if (data instanceof GuestHeartbeatChanged e) {
            return updateVm(e.vmId(), e.at(), vm -> vm.heartbeat = e.status());
        }
        return Uni.createFrom().voidItem();
    }

    /** Changes a registered host; events about hosts it never registered are ignored. */
    private static Uni<Void> updateHost(String hostId, Consumer<HostView> change) {
        return HostView.<HostView>findById(hostId).chain(host -> {
            if (host == null) {
                return Uni.createFrom().voidItem();
            }
            change.accept(host);
            host.refreshState();
            return host.persist().replaceWithVoid();
        });
    }

    private static Uni<Void> updateVm(String vmId, Instant at, Consumer<FleetVm> change) {
        return FleetVm.<FleetVm>findById(vmId).chain(found -> {
            FleetVm vm = found != null ? found : new FleetVm();
            vm.vmId = vmId;
            change.accept(vm);
            if (vm.state == null) {
                vm.state = "Requested"; // a host reported it before provisioning's events arrived
            }
            vm.updatedAt = at;
            return vm.persist().replaceWithVoid();
        });
    }
}
