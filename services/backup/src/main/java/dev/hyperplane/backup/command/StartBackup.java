package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The queue admitted the backup: its VM's host is asked to take it. */
public record StartBackup(@TargetAggregateIdentifier String backupId, String hostId) {
}
