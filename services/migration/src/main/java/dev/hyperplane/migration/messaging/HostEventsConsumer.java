package dev.hyperplane.migration.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.migration.query.MigrationHosts;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/** The hosts an evacuation may name, and whether each is in maintenance, from hyperplane.host.events. */
@ApplicationScoped
public class HostEventsConsumer extends IdempotentConsumer {

    @Inject
    MigrationHosts hosts;

    @Override
    public String group() {
        return "migration-hosts";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.HOST_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof HostRegistered e) {
            once(event, () -> hosts.registered(e.hostId()));
        } else if (event.data() instanceof HostMaintenanceChanged e) {
            once(event, () -> hosts.maintenance(e.hostId(), e.inMaintenance()));
        }
    }
}
