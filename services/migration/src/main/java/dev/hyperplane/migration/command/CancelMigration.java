package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator stops the migration; the VM runs on where it is. */
public record CancelMigration(@TargetAggregateIdentifier String migrationId, String requestedBy) {
}
