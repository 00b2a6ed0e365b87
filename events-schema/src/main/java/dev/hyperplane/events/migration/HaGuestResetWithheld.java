package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A hung guest is not reset: it was reset as often within the last hour as HA allows (3 by default, as vSphere's
 * VM monitoring does), so an operator must look at it. Sent once per loss of its heartbeat.
 *
 * @param lostSince when the guest's heartbeat was lost
 */
public record HaGuestResetWithheld(String vmId, String hostId, String reason, Instant lostSince, Instant withheldAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
