package dev.hyperplane.provisioning.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.host.HostHealthChanged;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.control.VmReconciler;
import dev.hyperplane.provisioning.query.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/**
 * Learns the hosts placement may use, their health and maintenance, from inventory's host events; a host that
 * turns Unreachable has its VMs marked Unknown by the reconciler.
 */
@ApplicationScoped
public class HostRegistrationConsumer extends IdempotentConsumer {

    @Inject
    PlacementStore placement;
    @Inject
    VmReconciler reconciler;

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
            once(event, () -> {
                placement.setHealthy(health.hostId(), ready);
                if (!ready) {
                    reconciler.hostSilent(health.hostId(), health.health() + ": " + health.reason());
                }
            });
        } else if (event.data() instanceof HostMaintenanceChanged maintenance) {
            once(event, () -> placement.setMaintenance(maintenance.hostId(), maintenance.inMaintenance()));
        }
    }
}
