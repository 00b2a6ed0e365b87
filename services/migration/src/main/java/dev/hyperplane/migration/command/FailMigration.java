package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The source host ended the migration without moving the VM (it did not converge, was cancelled, ...). */
public record FailMigration(@TargetAggregateIdentifier String migrationId, String reason) {
}
