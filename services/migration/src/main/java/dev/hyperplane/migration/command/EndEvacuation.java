package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Every move of the evacuation (or of its return) has ended.
 *
 * @param moved     VMs whose migration completed
 * @param failed    VMs whose migration failed or was cancelled, or that could not move
 * @param hostEmpty whether the host runs no VM any more
 */
public record EndEvacuation(@TargetAggregateIdentifier String evacuationId, int moved, int failed,
                            boolean hostEmpty) {
}
