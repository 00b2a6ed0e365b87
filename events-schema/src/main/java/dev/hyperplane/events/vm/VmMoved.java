package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The VM runs on its new host: its reservation moved there, and every later lifecycle command goes there.
 *
 * @param cause manual, evacuation, rebalance or ha
 */
public record VmMoved(String vmId, String migrationId, String sourceHostId, String destinationHostId, String cause,
        Instant movedAt) implements PublicEvent {
}
