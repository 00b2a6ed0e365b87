package dev.hyperplane.memory.command;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.memory.TenantMemoryPlanSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A tenant's memory plan (event-sourced, versioned; setting the same plan again changes nothing). */
public class TenantMemoryPlan {

    @AggregateIdentifier
    private String tenantId;
    private long version;
    private MemoryPlan memory;

    protected TenantMemoryPlan() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetTenantMemoryPlan command, Clock clock) {
        if (version > 0 && command.memory().equals(memory)) {
            return;
        }
        apply(new TenantMemoryPlanSet(command.tenantId(), command.memory(), version + 1, command.setBy(),
                clock.instant()));
    }

    @EventSourcingHandler
    void on(TenantMemoryPlanSet event) {
        tenantId = event.tenantId();
        version = event.version();
        memory = event.memory();
    }
}
