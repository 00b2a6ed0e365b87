package dev.hyperplane.backup.command;

import dev.hyperplane.events.DiskContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** What the host reported when the backup completed (its {@code BackupCompletedOnHost}). */
public record RecordBackupResult(@TargetAggregateIdentifier String backupId, String hostId, String consistency,
                                 String reason, boolean full, String basedOn, long sizeMb, long freezeMs,
                                 long durationMs, List<DiskContent> disks) {
}
