package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The source host finished a pre-copy pass. */
public record RecordPass(@TargetAggregateIdentifier String migrationId, int pass, long sentMb, long dirtyMb,
                         Long durationMs, Long allowedDowntimeMs) {
}
