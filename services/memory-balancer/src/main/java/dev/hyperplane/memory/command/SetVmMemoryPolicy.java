package dev.hyperplane.memory.command;

import dev.hyperplane.events.MemoryPlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a VM's own memory policy (already checked against its guest). */
public record SetVmMemoryPolicy(@TargetAggregateIdentifier String vmId, String tenantId, long startupMb,
                                MemoryPlan memory, String setBy) {
}
