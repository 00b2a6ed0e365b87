package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.GuestOs;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accept a tenant's request for a new VM. */
public record CreateVm(@TargetAggregateIdentifier String vmId, String tenantId, String name, int vcpus,
                       long memoryMb, GuestOs guestOs, String operationId) {
}
