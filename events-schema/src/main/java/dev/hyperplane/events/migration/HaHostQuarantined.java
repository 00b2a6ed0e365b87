package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A host failed too often within the window (three times within an hour by default, as Windows Server failover
 * clusters count it): it is quarantined. It takes no VM until the quarantine ends, and the VMs it still runs when
 * it reports again are moved away by an evacuation.
 *
 * @param incidentId the incident of the failure that made it too many
 * @param failures   failures counted within the window, this one included
 * @param window     the window the failures were counted in, an ISO-8601 duration
 * @param until      when the quarantine ends by itself; an operator may clear it earlier
 */
public record HaHostQuarantined(String hostId, String incidentId, int failures, String window, Instant quarantinedAt,
        Instant until) implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
