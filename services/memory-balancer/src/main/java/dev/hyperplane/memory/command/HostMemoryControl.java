package dev.hyperplane.memory.command;

import dev.hyperplane.events.memory.MemoryAlertCleared;
import dev.hyperplane.events.memory.MemoryAlertRaised;
import dev.hyperplane.events.memory.MemoryRebalanceRequested;
import dev.hyperplane.memory.domain.AlertCondition;
import dev.hyperplane.memory.domain.Rebalance;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What the fleet control loop decided and flagged for one host (event-sourced): its rebalance decisions and its
 * alerts. Every command is idempotent, so a round that is run again after a crash publishes nothing twice.
 */
public class HostMemoryControl {

    @AggregateIdentifier
    private String hostId;
    private final Set<String> decisions = new HashSet<>();
    /** Open alerts by subject. */
    private final Map<String, MemoryAlertRaised> open = new HashMap<>();

    protected HostMemoryControl() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestRebalance command, Clock clock) {
        Rebalance d = command.decision();
        if (decisions.contains(d.decisionId())) {
            return;
        }
        apply(new MemoryRebalanceRequested(d.decisionId(), d.vmId(), d.fromHostId(), d.toHostId(), d.reason(),
                d.hostPressure(), d.vmDemandMb(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RaiseMemoryAlert command, Clock clock) {
        AlertCondition c = command.condition();
        if (open.containsKey(c.subject())) {
            return;
        }
        apply(new MemoryAlertRaised(command.alertId(), c.kind(), command.hostId(), c.vmId(), c.detail(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(ClearMemoryAlert command, Clock clock) {
        MemoryAlertRaised alert = open.values().stream().filter(a -> a.alertId().equals(command.alertId()))
                .findFirst().orElse(null);
        if (alert == null) {
            return;
        }
        apply(new MemoryAlertCleared(alert.alertId(), alert.kind(), alert.hostId(), alert.vmId(), command.detail(),
                clock.instant()));
    }

    @EventSourcingHandler
    void on(MemoryRebalanceRequested event) {
        hostId = event.fromHostId();
        decisions.add(event.decisionId());
    }

    @EventSourcingHandler
    void on(MemoryAlertRaised event) {
        hostId = event.hostId();
        open.put(new AlertCondition(event.kind(), event.hostId(), event.vmId(), event.detail()).subject(), event);
    }

    @EventSourcingHandler
    void on(MemoryAlertCleared event) {
        open.values().removeIf(a -> a.alertId().equals(event.alertId()));
    }
}
