package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The migration service asks for a destination for the VM: provisioning, the one authority for capacity, reserves
 * one with the placement rules ({@code VmMoveStarted}) or refuses with the reason ({@code VmMoveRefused}).
 *
 * @param targetHostId the destination asked for, or null: placement chooses
 * @param cause        manual, evacuation, rebalance or ha
 * @param mode         live or quick: refused if the VM's migration mode does not allow it
 */
public record ReserveMove(@TargetAggregateIdentifier String vmId, String migrationId, String targetHostId,
                          String cause, String mode) {
}
