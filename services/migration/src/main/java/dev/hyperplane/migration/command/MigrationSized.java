package dev.hyperplane.migration.command;

/** The VM's memory when its migration was asked for, which the completion deadline scales with (not public). */
public record MigrationSized(String migrationId, long memoryMb) {
}
