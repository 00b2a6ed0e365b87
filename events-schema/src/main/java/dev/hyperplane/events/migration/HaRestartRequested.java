package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * HA asks provisioning, the one authority for capacity, to start a VM of a fenced host on another host from its
 * shared disks: provisioning answers with VmMoveStarted and then VmMoved (cause ha), or VmMoveRefused.
 *
 * @param restartId  the id of this attempt, as migrationId in provisioning's answers
 * @param haPriority the VM's tier: higher tiers are restarted first
 * @param attempt    1 for the first attempt
 */
public record HaRestartRequested(String incidentId, String restartId, String vmId, String failedHostId,
        String haPriority, int attempt, Instant requestedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
