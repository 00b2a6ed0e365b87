package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change how the VM may be moved between hosts (live, quick or none); a move already under way finishes.
 *
 * @param changedBy the caller, for the history
 */
public record SetMigrationMode(@TargetAggregateIdentifier String vmId, String migrationMode, String changedBy) {
}
