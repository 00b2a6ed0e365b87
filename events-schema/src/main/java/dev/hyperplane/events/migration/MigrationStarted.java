package dev.hyperplane.events.migration;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A queued migration got its turn under the concurrency limits (per host, per policy, per fleet): provisioning, the
 * one authority for capacity, now reserves a destination and answers with VmMoveStarted or VmMoveRefused.
 *
 * @param sourceHostId the host the VM ran on when the migration was admitted
 * @param targetHostId the destination asked for; null: provisioning chooses one with the placement rules
 * @param mode         live or quick (save, move, restore)
 * @param cause        manual, evacuation, rebalance or ha
 * @param waitedMs     how long it was queued
 */
public record MigrationStarted(String migrationId, String vmId, String sourceHostId, @Nullable String targetHostId,
        String mode, String cause, long waitedMs, Instant startedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
