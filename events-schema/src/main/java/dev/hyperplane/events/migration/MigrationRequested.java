package dev.hyperplane.events.migration;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A live migration of a VM was asked for (by an operator, an evacuation, a rebalance decision): it is queued until
 * the concurrency limits give it a turn (MigrationStarted).
 *
 * @param targetHostId the destination asked for; null: provisioning chooses one with the placement rules
 * @param policy       the convergence policy, e.g. minimal-downtime
 * @param mode         live or quick (save, move, restore)
 * @param cause        manual, evacuation, rebalance or ha
 * @param sourceHostId the host the VM ran on when it was asked for
 * @param causeId      what asked for it, by cause: the memory balancer's decision id (rebalance), the evacuation id
 *                     (evacuation); null for a manual migration
 */
public record MigrationRequested(String migrationId, String vmId, @Nullable String targetHostId, String policy,
        String mode, String cause, String requestedBy, Instant requestedAt,
        @OptionalField String sourceHostId, @OptionalField String causeId) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
