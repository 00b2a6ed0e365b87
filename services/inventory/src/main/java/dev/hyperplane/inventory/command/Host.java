package dev.hyperplane.inventory.command;

import dev.hyperplane.events.host.HostRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A hypervisor host of the fleet (event-sourced). Agents re-announce their hosts at every start. */
public class Host {
    static Clock clock = Clock.systemUTC();

    @AggregateIdentifier
    private String hostId;
    private boolean registered;

    protected Host() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterHost command) {
        if (registered) {
            return;
        }
        apply(new HostRegistered(command.hostId(), command.name(), command.agentId(), command.windowsServerVersion(),
                command.logicalProcessors(), command.memoryMb(), command.rootReserveMb(), clock.instant()));
    }

    @EventSourcingHandler
    void on(HostRegistered event) {
        hostId = event.hostId();
        registered = true;
    }
}
