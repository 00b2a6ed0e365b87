package dev.hyperplane.provisioning.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.host.HostHealthChanged;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.query.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/**
 * Learns the hosts placement may use, their health and maintenance, from inventory's host events; a host that
 * turns Unreachable has its VMs marked Unknown by the reconciler's sweep, which reads the flag kept here.
 */
@ApplicationScoped
public class HostRegistrationConsumer extends IdempotentConsumer {

    @Inject
    PlacementStore placement;

    @Override
    public String group() {
        return "provisioning-hosts";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.HOST_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof HostRegistered host) {
            once(event, () -> placement.upsertHost(host.hostId(), host.windowsServerVersion(), host.logicalProcessors(), host.memoryMb(),
                    host.rootReserveMb(), host.registeredAt()));
        } else if (event.data() instanceof HostHealthChanged health) {
            boolean ready = "Ready".equals(health.health());
            // only the placement flag here: marking the host's VMs Unknown (a command per VM) is the silent-host
            // sweep's, so that hundreds of VMs do not hold up the Ready event behind this one
            once(event, () -> placement.setHealthy(health.hostId(), ready, health.health() + ": " + health.reason()));
        } else if (event.data() instanceof HostMaintenanceChanged maintenance) {
            once(event, () -> placement.setMaintenance(maintenance.hostId(), maintenance.inMaintenance()));
        }
    }
}
