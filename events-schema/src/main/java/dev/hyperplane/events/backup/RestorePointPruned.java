package dev.hyperplane.events.backup;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A restore point is gone: retention pruned it (its blocks merged into the point that depended on it, if any), or
 * someone deleted it.
 *
 * @param reason     retention by a policy, or a deletion by whom
 * @param mergedInto the point that took its blocks over; null when none depended on it
 */
public record RestorePointPruned(String restorePointId, String vmId, String tenantId, String reason,
        @Nullable String mergedInto, Instant prunedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
