package dev.hyperplane.inventory.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.inventory.command.RegisterHost;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;

/** Turns agents' host announcements into Host registrations (the Host aggregate publishes host events). */
@ApplicationScoped
public class HostAnnouncementConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;

    @Override
    public String group() {
        return "inventory-host-announcements";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof HostAnnounced host) {
            // the command joins this transaction: inbox mark and host event commit together
            once(event, () -> commands.sendAndWait(new RegisterHost(host.hostId(), host.name(), host.agentId(),
                    host.windowsServerVersion(), host.logicalProcessors(), host.memoryMb(), host.rootReserveMb())));
        }
    }
}
