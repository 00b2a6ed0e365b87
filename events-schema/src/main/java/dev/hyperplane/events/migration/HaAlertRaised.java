package dev.hyperplane.events.migration;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * HA needs an operator: the host cannot be fenced (its VMs stay where they are until someone confirms it is off),
 * its agent stays silent, or a VM could not be restarted.
 *
 * @param incidentId the incident it belongs to; null for a host whose agent is silent while nothing is known failed
 * @param kind       fence-failed, agent-silent or vm-not-restarted
 */
public record HaAlertRaised(@Nullable String incidentId, String hostId, String kind, String reason,
        Instant raisedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
