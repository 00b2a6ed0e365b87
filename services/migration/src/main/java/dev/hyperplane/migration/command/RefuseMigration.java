package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Provisioning found no destination (or the VM cannot move now). */
public record RefuseMigration(@TargetAggregateIdentifier String migrationId, String reason) {
}
