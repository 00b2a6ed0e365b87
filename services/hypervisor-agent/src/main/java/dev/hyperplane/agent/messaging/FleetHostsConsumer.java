package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.HostStore;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/**
 * Which agent runs each host of the fleet, from inventory's {@code HostRegistered} (inventory is where fleet-wide
 * host lists come from): a simulation control for another agent's host is forwarded to it.
 */
@ApplicationScoped
public class FleetHostsConsumer extends IdempotentConsumer {

    @Inject
    AgentConfig config;
    @Inject
    HostStore store;

    @Override
    public String group() {
        return "hypervisor-agent-" + config.id() + "-fleet";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.HOST_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof HostRegistered registered) {
            once(event, () -> store.fleetHostRegistered(registered.hostId(), registered.agentId()));
        }
    }
}
