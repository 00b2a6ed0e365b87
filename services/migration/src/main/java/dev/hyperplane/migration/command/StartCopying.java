package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Provisioning reserved the destination: the source host starts the pre-copy passes. */
public record StartCopying(@TargetAggregateIdentifier String migrationId, String sourceHostId,
                           String destinationHostId) {
}
