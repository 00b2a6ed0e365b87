package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accept a tenant's request for a new VM. */
public record CreateVm(@TargetAggregateIdentifier String vmId, String tenantId, String name, int vcpus,
                       long memoryMb, GuestOs guestOs, int generation, boolean secureBoot, MemoryPlan memory,
                       String operationId) {
}
