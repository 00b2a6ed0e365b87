package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * HA's guest monitoring found a running VM whose guest heartbeat has been lost for longer than its limit (a hung
 * guest, not one writing a crash dump): it asks provisioning to reset the VM, which does it as a restart operation
 * requested by ha, shown in the VM's history.
 *
 * @param resetId          the id of this reset, the operation id in provisioning
 * @param reason           what the monitor saw
 * @param lostSince        when the guest's heartbeat was lost
 * @param resetsInLastHour resets of this VM within the hour before, this one not counted
 */
public record HaGuestResetRequested(String resetId, String vmId, String hostId, String reason, Instant lostSince,
        int resetsInLastHour, Instant requestedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
