package dev.hyperplane.events.backup;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A restore point took over the blocks of the point it depended on, which was pruned: it is based on that point's
 * base from now on, or is a synthetic full point, and holds more.
 *
 * @param restorePointId the point that took the blocks over
 * @param mergedFrom     the pruned point
 * @param basedOn        what it is based on from now on; null: it is a (synthetic) full point
 * @param sizeMb         what it holds from now on
 */
public record RestorePointMerged(String restorePointId, String vmId, String tenantId, String mergedFrom,
        @Nullable String basedOn, long sizeMb, Instant mergedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
