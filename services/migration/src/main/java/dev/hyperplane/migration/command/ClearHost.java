package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator clears a fenced or quarantined host: it is placed on again. */
public record ClearHost(@TargetAggregateIdentifier String hostId, String clearedBy) {
}
