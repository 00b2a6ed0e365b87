package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A running migration moved on: a pre-copy pass finished, or it entered another state.
 *
 * @param state             queued, preparing, copying or blackout
 * @param pass              the last finished pass (0 before the first)
 * @param sentMb            what that pass sent
 * @param dirtyMb           what the workload dirtied during it
 * @param passDurationMs    how long that pass took
 * @param allowedDowntimeMs the allowed downtime now
 */
public record MigrationProgressed(String migrationId, String vmId, String state, int pass, long sentMb, long dirtyMb,
        long passDurationMs, long allowedDowntimeMs, Instant at) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
