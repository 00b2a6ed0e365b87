package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What provisioning answered: the VM runs with the restored disks, or the restore failed with {@code reason}.
 */
public record RecordRestoreResult(@TargetAggregateIdentifier String restoreId, boolean succeeded, String reason) {
}
