package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start, stop, restart or delete a VM, as operation {@code operationId}.
 *
 * @param force           for stop: turn off at once instead of a graceful shutdown through the guest
 * @param expectedVersion the VM version the caller saw ({@code If-Match}); null to skip the check
 */
public record RequestVmOperation(@TargetAggregateIdentifier String vmId, String operationId, VmAction action,
                                 boolean force, Long expectedVersion, String requestedBy) {
}
