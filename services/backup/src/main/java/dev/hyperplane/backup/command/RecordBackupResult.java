package dev.hyperplane.backup.command;

import dev.hyperplane.events.DiskContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * What the host reported when the backup completed (its {@code BackupCompletedOnHost}), and the room the repository
 * has for it now.
 *
 * @param repositoryFreeMb   free space in the repository before this backup
 * @param repositoryCapacityMb the repository's capacity
 */
public record RecordBackupResult(@TargetAggregateIdentifier String backupId, String hostId, String consistency,
                                 String reason, boolean full, String basedOn, long sizeMb, long freezeMs,
                                 long durationMs, List<DiskContent> disks, long repositoryFreeMb,
                                 long repositoryCapacityMb) {
}
