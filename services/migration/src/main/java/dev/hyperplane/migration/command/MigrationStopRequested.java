package dev.hyperplane.migration.command;

import java.time.Instant;

/**
 * The migration is to stop (an operator cancelled it, or a deadline passed) and will end as {@code endsAs}; an
 * event of the migration only, not of the public contract.
 *
 * @param endsAs cancelled or failed
 */
public record MigrationStopRequested(String migrationId, String endsAs, String reason, Instant at) {
}
