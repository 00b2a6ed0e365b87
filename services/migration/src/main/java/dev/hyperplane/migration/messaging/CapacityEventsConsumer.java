package dev.hyperplane.migration.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.capacity.HaReserveChanged;
import dev.hyperplane.migration.query.HaReserves;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/** The fleet's HA reserve as provisioning assesses it, for the HA status (the newest wins: no inbox). */
@ApplicationScoped
public class CapacityEventsConsumer extends IdempotentConsumer {

    @Inject
    HaReserves reserves;

    @Override
    public String group() {
        return "migration-capacity";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.CAPACITY_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof HaReserveChanged e) {
            reserves.assessed(e);
        }
    }
}
