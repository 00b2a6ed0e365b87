package dev.hyperplane.backup.command;

/** A restore's deadline: it names the restore, the aggregate checks it is still running. */
public record RestoreDeadline(String restoreId) {
}
