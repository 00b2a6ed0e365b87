package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a restore point by hand: the point depending on it takes its blocks over, as a prune does. */
public record DeleteRestorePoint(@TargetAggregateIdentifier String vmId, String restorePointId, String deletedBy) {
}
