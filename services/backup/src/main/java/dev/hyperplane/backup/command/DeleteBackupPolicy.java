package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a backup policy: its VMs fall back to a default; its restore points stay. */
public record DeleteBackupPolicy(@TargetAggregateIdentifier String policyId, String deletedBy) {
}
