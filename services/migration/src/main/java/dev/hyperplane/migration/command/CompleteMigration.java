package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The destination runs the VM and the source let go of it. */
public record CompleteMigration(@TargetAggregateIdentifier String migrationId, int passes, long downtimeMs) {
}
