package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The VM cannot move as asked: provisioning found no destination or refused the move, or a check before anyone was
 * asked (a rebalance decision for a VM that has left its host) found it cannot.
 *
 * @param reason why, as the migration's failure reason shows it
 */
public record RefuseMigration(@TargetAggregateIdentifier String migrationId, String reason) {
}
