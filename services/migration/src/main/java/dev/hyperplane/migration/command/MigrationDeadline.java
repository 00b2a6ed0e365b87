package dev.hyperplane.migration.command;

/** What a migration's durable deadline carries: which limit it is. */
public record MigrationDeadline(String migrationId, String limit) {
}
