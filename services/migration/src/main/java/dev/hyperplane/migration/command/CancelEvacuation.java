package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move nothing more: queued moves are dropped, running ones end as they end. */
public record CancelEvacuation(@TargetAggregateIdentifier String evacuationId, String requestedBy) {
}
