package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A live migration of a VM, as an operator (or an evacuation, a rebalance decision) asks for it.
 *
 * @param sourceHostId the host the VM runs on, as far as this service heard
 * @param targetHostId null: provisioning chooses the destination
 * @param mode         live, or quick (saved, moved, restored: the VM is down meanwhile)
 * @param memoryMb     the VM's memory, for the completion deadline
 * @param causeId      the rebalance decision or the evacuation that asked for it; null for a manual one
 */
public record RequestMigration(@TargetAggregateIdentifier String migrationId, String vmId, String sourceHostId,
                               String targetHostId,
                               String policy, String mode, String cause, long memoryMb, String requestedBy,
                               String causeId) {
}
