package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The failed host is off for certain: its management controller powered it off, or an operator confirmed it by
 * hand. Its VMs may now start elsewhere; it gets no new VMs until an operator clears it.
 *
 * @param method management-controller, or operator when confirmed by hand
 */
public record HaHostFenced(String incidentId, String hostId, String method, Instant fencedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
