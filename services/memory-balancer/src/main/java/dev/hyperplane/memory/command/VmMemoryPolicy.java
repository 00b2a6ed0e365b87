package dev.hyperplane.memory.command;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.memory.VmMemoryPolicySet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The memory policy of one VM (event-sourced): each change is a new version; setting what is already set
 * changes nothing, so a retried request is harmless.
 */
public class VmMemoryPolicy {

    @AggregateIdentifier
    private String vmId;
    private long version;
    private long startupMb;
    private MemoryPlan memory;

    protected VmMemoryPolicy() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetVmMemoryPolicy command, Clock clock) {
        if (version > 0 && startupMb == command.startupMb() && command.memory().equals(memory)) {
            return;
        }
        apply(new VmMemoryPolicySet(command.vmId(), command.tenantId(), command.startupMb(), command.memory(),
                version + 1, command.setBy(), clock.instant()));
    }

    @EventSourcingHandler
    void on(VmMemoryPolicySet event) {
        vmId = event.vmId();
        version = event.version();
        startupMb = event.startupMb();
        memory = event.memory();
    }
}
