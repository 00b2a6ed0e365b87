package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * An operator asked to bring an evacuated host back: inventory takes it out of maintenance, then the VMs the
 * evacuation moved away (still running where they went, and not moving) are migrated back to it.
 */
public record EvacuationReturnStarted(String evacuationId, String hostId, String requestedBy, Instant startedAt)
        implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
