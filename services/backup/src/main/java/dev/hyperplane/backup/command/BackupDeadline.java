package dev.hyperplane.backup.command;

/** A backup's deadline: it names the job, the aggregate checks the state it was set for. */
public record BackupDeadline(String backupId) {
}
