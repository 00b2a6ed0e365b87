package dev.hyperplane.memory.command;

import dev.hyperplane.events.MemoryPlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the memory plan of a tenant's VMs that have no policy of their own. */
public record SetTenantMemoryPlan(@TargetAggregateIdentifier String tenantId, MemoryPlan memory, String setBy) {
}
