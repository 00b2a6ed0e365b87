package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Provisioning reserved a destination for the VM's migration (the source keeps its reservation): the VM is Moving,
 * which the reconciler leaves alone and lifecycle operations wait for.
 *
 * @param cause manual, evacuation, rebalance or ha
 */
public record VmMoveStarted(String vmId, String migrationId, String sourceHostId, String destinationHostId,
        String cause, Instant startedAt) implements PublicEvent {
}
