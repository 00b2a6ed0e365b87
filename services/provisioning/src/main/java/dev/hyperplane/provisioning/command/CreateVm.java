package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Accept a tenant's request for a new VM.
 *
 * @param antiAffinityGroup null, or a group whose VMs (of this tenant) must run on different hosts
 * @param requestedBy       the caller, for the history
 * @param migrationMode     live, quick or none
 * @param haPriority        high, medium, low or off
 */
public record CreateVm(@TargetAggregateIdentifier String vmId, String tenantId, String name, int vcpus,
                       long memoryMb, GuestOs guestOs, int generation, boolean secureBoot, MemoryPlan memory,
                       String operationId, String antiAffinityGroup, String requestedBy,
                       String migrationMode, String haPriority) {
}
