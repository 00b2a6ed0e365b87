package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A queued migration gets its turn under the concurrency limits ({@code MigrationQueue}).
 *
 * @param sourceHostId the host the VM runs on now, as far as this service heard
 */
public record AdmitMigration(@TargetAggregateIdentifier String migrationId, String sourceHostId) {
}
