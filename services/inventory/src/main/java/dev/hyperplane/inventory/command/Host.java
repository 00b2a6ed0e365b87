package dev.hyperplane.inventory.command;

import dev.hyperplane.events.host.HostHealthChanged;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A hypervisor host of the fleet (event-sourced): registered from its agent's announcements (repeated at every
 * agent start), Ready, Unreachable or Unknown as its reports and its agent's heartbeats say, and in or out of
 * maintenance. Every command is idempotent.
 */
public class Host {

    @AggregateIdentifier
    private String hostId;
    private boolean registered;
    /** Ready until the health check says otherwise. */
    private String health = "Ready";
    private boolean inMaintenance;

    protected Host() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterHost command, Clock clock) {
        if (registered) {
            return;
        }
        apply(new HostRegistered(command.hostId(), command.name(), command.agentId(), command.windowsServerVersion(),
                command.logicalProcessors(), command.memoryMb(), command.rootReserveMb(), clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeHostHealth command, Clock clock) {
        if (!health.equals(command.health())) {
            apply(new HostHealthChanged(hostId, command.health(), command.reason(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(SetHostMaintenance command, Clock clock) {
        if (inMaintenance != command.enabled()) {
            apply(new HostMaintenanceChanged(hostId, command.enabled(), command.reason(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(HostHealthChanged event) {
        health = event.health();
    }

    @EventSourcingHandler
    void on(HostMaintenanceChanged event) {
        inMaintenance = event.inMaintenance();
    }

    @EventSourcingHandler
    void on(HostRegistered event) {
        hostId = event.hostId();
        registered = true;
    }
}
