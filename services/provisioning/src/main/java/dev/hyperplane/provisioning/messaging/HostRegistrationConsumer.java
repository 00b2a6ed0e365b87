package dev.hyperplane.provisioning.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.query.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/** Learns the hosts placement may use from inventory's host events. */
@ApplicationScoped
public class HostRegistrationConsumer extends IdempotentConsumer {

    @Inject
    PlacementStore placement;

    @Override
    protected String group() {
        return "provisioning-hosts";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.HOST_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof HostRegistered host) {
            once(event, () -> placement.upsertHost(host.hostId(), host.windowsServerVersion(), host.memoryMb(),
                    host.rootReserveMb(), host.registeredAt()));
        }
    }
}
