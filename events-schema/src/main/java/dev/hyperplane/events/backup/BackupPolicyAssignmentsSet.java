package dev.hyperplane.events.backup;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * Which VMs a backup policy governs was set: the VMs named, and whether it is its tenant's default (every VM of
 * the tenant without a policy of its own) or the fleet's (every VM without either).
 *
 * @param tenantId null for a fleet policy
 * @param vmIds    the VMs it governs by name (a VM named by two policies follows the last set)
 * @param version  one more with each change
 */
public record BackupPolicyAssignmentsSet(String policyId, @Nullable String tenantId, String name,
        List<String> vmIds, boolean tenantDefault, boolean fleetDefault, long version, String setBy, Instant setAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return policyId;
    }
}
