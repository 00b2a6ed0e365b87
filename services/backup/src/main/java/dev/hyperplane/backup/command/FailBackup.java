package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The backup cannot go on: its host refused it, or its VM is gone. */
public record FailBackup(@TargetAggregateIdentifier String backupId, String reason) {
}
