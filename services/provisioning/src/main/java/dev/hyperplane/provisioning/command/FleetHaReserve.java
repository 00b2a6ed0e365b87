package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.capacity.HaReserveChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The fleet's HA reserve as last published (event-sourced, one per fleet): an assessment that says what the last one
 * said changes nothing, so {@link HaReserveChanged} goes out only when the answer changed, whichever replica's
 * monitor assessed it and however often.
 */
public class FleetHaReserve {
    public static final String FLEET = "fleet";

    @AggregateIdentifier
    private String fleet;
    private HaReserveChanged last;

    protected FleetHaReserve() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AssessHaReserve command, Clock clock) {
        boolean holds = command.failuresAbsorbed() >= command.failuresToTolerate();
        if (last != null && last.failuresToTolerate() == command.failuresToTolerate()
                && last.failuresAbsorbed() == command.failuresAbsorbed() && last.reserveMb() == command.reserveMb()
                && last.spareMb() == command.spareMb() && Objects.equals(last.reason(), command.reason())) {
            return;
        }
        apply(new HaReserveChanged(command.failuresToTolerate(), command.failuresAbsorbed(),
                holds, command.reserveMb(), command.spareMb(), command.reason(), clock.instant()));
    }

    @EventSourcingHandler
    void on(HaReserveChanged event) {
        fleet = FLEET;
        last = event;
    }
}
