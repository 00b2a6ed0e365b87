package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Protect a restore point from retention, or let retention prune it again. */
public record ProtectRestorePoint(@TargetAggregateIdentifier String vmId, String restorePointId,
                                  boolean protectedPoint, String setBy) {
}
