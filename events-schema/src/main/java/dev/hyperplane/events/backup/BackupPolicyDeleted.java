package dev.hyperplane.events.backup;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A backup policy was deleted: its VMs fall back to their tenant's default policy, or the fleet's; their restore
 * points stay.
 *
 * @param tenantId null for a fleet policy
 */
public record BackupPolicyDeleted(String policyId, @Nullable String tenantId, String name, String deletedBy,
        Instant deletedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return policyId;
    }
}
