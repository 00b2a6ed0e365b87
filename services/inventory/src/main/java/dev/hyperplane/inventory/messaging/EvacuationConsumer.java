package dev.hyperplane.inventory.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.migration.EvacuationReturnStarted;
import dev.hyperplane.events.migration.EvacuationStarted;
import dev.hyperplane.inventory.command.SetHostMaintenance;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;

/**
 * Inventory keeps each host's maintenance state, and the migration service asks for it: an evacuation puts its host
 * into maintenance (no new VMs while it is emptied), its return takes it out. Setting the state it already has
 * changes nothing, so a redelivered request is harmless. (An evacuation names only hosts inventory registered.)
 */
@ApplicationScoped
public class EvacuationConsumer extends IdempotentConsumer {
    @Inject
    CommandGateway commands;

    @Override
    public String group() {
        return "inventory-evacuations";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.MIGRATION_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof EvacuationStarted e) {
            once(event, () -> maintenance(e.hostId(), true, "evacuation " + e.evacuationId()));
        } else if (event.data() instanceof EvacuationReturnStarted e) {
            once(event, () -> maintenance(e.hostId(), false, "evacuation " + e.evacuationId() + " returned"));
        }
    }

    /** Joins the inbox's transaction: the inbox mark and the host event commit together. */
    private void maintenance(String hostId, boolean enabled, String reason) {
        commands.sendAndWait(new SetHostMaintenance(hostId, enabled, reason));
    }
}
