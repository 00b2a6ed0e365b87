package dev.hyperplane.migration.command;

import dev.hyperplane.events.migration.EvacuationEnded;
import dev.hyperplane.events.migration.EvacuationReturnStarted;
import dev.hyperplane.events.migration.EvacuationStarted;
import dev.hyperplane.migration.domain.EvacuationState;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One host evacuation (event-sourced): the VMs it moves away (each by a migration of cause evacuation whose causeId
 * is this evacuation) or cannot, VMs found on the host later, a cancel, its end, and an optional return that moves
 * them back. {@code EvacuationStarted} puts the host into maintenance (inventory), {@code EvacuationReturnStarted}
 * takes it out. The {@code EvacuationController} drives it; every command arriving again changes nothing.
 */
public class Evacuation {
    static final String OUT = "out";
    static final String BACK = "back";

    @AggregateIdentifier
    private String evacuationId;
    private String hostId;
    private EvacuationState state;
    private final Set<String> out = new HashSet<>();
    private final Set<String> back = new HashSet<>();

    protected Evacuation() {
        // for Axon
    }

    @CommandHandler
    public Evacuation(StartEvacuation command, Clock clock) {
        apply(new EvacuationStarted(command.evacuationId(), command.hostId(),
                command.vms().stream().filter(v -> v.migrationId() != null).map(EvacuationVm::vmId).toList(),
                command.vms().stream().filter(v -> v.migrationId() == null)
                        .map(v -> new EvacuationStarted.UnmovableVm(v.vmId(), v.reason())).toList(),
                command.requestedBy(), clock.instant()));
        apply(new EvacuationVmsAdded(command.evacuationId(), OUT, command.vms()));
    }

    @CommandHandler
    public void handle(AddEvacuationVms command) {
        boolean open = OUT.equals(command.phase()) ? state == EvacuationState.RUNNING
                : state == EvacuationState.RETURNING;
        Set<String> known = OUT.equals(command.phase()) ? out : back;
        List<EvacuationVm> fresh = command.vms().stream().filter(v -> !known.contains(v.vmId())).toList();
        if (open && !fresh.isEmpty()) {
            apply(new EvacuationVmsAdded(evacuationId, command.phase(), fresh));
        }
    }

    @CommandHandler
    public void handle(CancelEvacuation command, Clock clock) {
        if (state == EvacuationState.RUNNING) {
            apply(new EvacuationCancelRequested(evacuationId, command.requestedBy(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(EndEvacuation command, Clock clock) {
        EvacuationState endsAs = switch (state) {
            case RUNNING -> EvacuationState.COMPLETED;
            case CANCELLING -> EvacuationState.CANCELLED;
            case RETURNING -> EvacuationState.RETURNED;
            default -> null;
        };
        if (endsAs != null) {
            apply(new EvacuationEnded(evacuationId, hostId, endsAs.label(), command.moved(), command.failed(),
                    command.hostEmpty(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(ReturnEvacuation command, Clock clock) {
        if (state.returnable()) {
            apply(new EvacuationReturnStarted(evacuationId, hostId, command.requestedBy(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(EvacuationStarted event) {
        evacuationId = event.evacuationId();
        hostId = event.hostId();
        state = EvacuationState.RUNNING;
    }

    @EventSourcingHandler
    void on(EvacuationVmsAdded event) {
        (OUT.equals(event.phase()) ? out : back).addAll(event.vms().stream().map(EvacuationVm::vmId).toList());
    }

    @EventSourcingHandler
    void on(EvacuationCancelRequested event) {
        state = EvacuationState.CANCELLING;
    }

    @EventSourcingHandler
    void on(EvacuationEnded event) {
        state = EvacuationState.of(event.state());
    }

    @EventSourcingHandler
    void on(EvacuationReturnStarted event) {
        state = EvacuationState.RETURNING;
    }
}
