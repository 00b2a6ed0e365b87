package dev.hyperplane.memory.messaging;

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
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.memory.query.FleetFacts;
import dev.hyperplane.memory.query.MemoryPushes;
import dev.hyperplane.platform.messaging.EventHandlers;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the memory balancer knows of hosts and VMs: capacity, version and availability from host events; tenant,
 * guest OS, size and memory settings from provisioning's VM events and from what hosts report; where each VM runs
 * (placement, start, live migration); what its guest can do with Dynamic Memory; hot-add failures and Smart
 * Paging ({@link FleetFacts}); and the hosts' answers to policy pushes ({@link MemoryPushes}). Every event is
 * applied once (inbox).
 */
@ApplicationScoped
public class FleetConsumer extends IdempotentConsumer {
    /** States in which the guest is gone: a new boot may hot-add again. */
    private static final Set<String> GUEST_GONE = Set.of("Off", "Saved", "Resetting", "Starting");

    @Inject
    FleetFacts facts;
    @Inject
    MemoryPushes pushes;

    private EventHandlers handlers;

    @PostConstruct
    void table() {
        handlers = new EventHandlers()
                .on(HostRegistered.class, facts::hostRegistered)
                .on(HostHealthChanged.class, e -> facts.hostReachable(e.hostId(), "Ready".equals(e.health())))
                .on(HostMaintenanceChanged.class, e -> facts.hostInMaintenance(e.hostId(), e.inMaintenance()))
                .on(VmRequested.class, facts::vmRequested)
                .on(VmPlaced.class, e -> facts.vmOn(e.vmId(), e.hostId()))
                .on(VmStartedOnHost.class, e -> facts.vmOn(e.vmId(), e.hostId()))
                .on(VmMigratedOnHost.class, e -> facts.vmOn(e.vmId(), e.destinationHostId()))
                .on(VmReconciled.class, e -> e.correction().equals("host"), e -> facts.vmOn(e.vmId(), e.hostId()))
                .on(VmResized.class, e -> {
                    facts.vmApproved(e.vmId(), e.memory().mostMb(e.memoryMb())); // first: the new size implies it
                    facts.vmSized(e.vmId(), e.vcpus(), e.memoryMb(), e.memory());
                })
                .on(VmSettingsChangedOnHost.class, e -> facts.vmSized(e.vmId(), e.vcpus(), e.memoryMb(), e.memory()))
                .on(VmOperationCompleted.class, e -> "Deleted".equals(e.state()), e -> facts.vmDeleted(e.vmId()))
                .on(IntegrationServicesNegotiated.class, facts::guestNegotiated)
                .on(GuestInfoReported.class, e -> e.processorArchitecture() != null
                        && !e.processorArchitecture().isEmpty(), e -> facts.guestArchitecture(e.vmId(),
                        e.processorArchitecture()))
                .on(HotAddFailedOnHost.class, HotAddFailedOnHost::permanent, e -> facts.hotAddFailed(e.vmId()))
                .on(VmStateChangedOnHost.class, e -> GUEST_GONE.contains(e.to()), e -> facts.guestGone(e.vmId()))
                .on(SmartPagingChangedOnHost.class, e -> facts.smartPaging(e.vmId(), e.active() ? e.pagedMb() : 0))
                .on(AgentCommandCompleted.class, e -> pushes.applied(e.commandId()))
                .on(AgentCommandRejected.class, e -> pushes.rejected(e.commandId(), e.reason()));
    }

    @Override
    public String group() {
        return "memory-balancer-fleet";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.HOST_EVENTS, Topics.VM_EVENTS, Topics.AGENT_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        handlers.effectOf(event.data()).ifPresent(effect -> once(event, effect));
    }
}
