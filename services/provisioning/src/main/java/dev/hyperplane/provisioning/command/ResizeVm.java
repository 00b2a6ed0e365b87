package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.MemoryPlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * New processor count and memory settings for a VM, as operation {@code operationId}.
 *
 * @param expectedVersion the VM version the caller saw ({@code If-Match}); null to skip the check
 */
public record ResizeVm(@TargetAggregateIdentifier String vmId, String operationId, int vcpus, long memoryMb,
                       MemoryPlan memory, Long expectedVersion, String requestedBy) {
}
