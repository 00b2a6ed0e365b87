package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Every migration of an evacuation (or of its return) ended. The host stays in maintenance until an operator takes it
 * out, or until a return does.
 *
 * @param state     completed (every VM it could move has ended its move), cancelled (queued moves were dropped),
 *                  or returned (the VMs it moved were moved back)
 * @param moved     VMs whose migration completed
 * @param failed    VMs whose migration failed or was cancelled, or that could not move at all
 * @param hostEmpty whether the host runs no VM of the control plane any more
 */
public record EvacuationEnded(String evacuationId, String hostId, String state, int moved, int failed,
        boolean hostEmpty, Instant endedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
