package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The VM's migration ended without moving it: it runs on its source, the destination's reservation is released.
 */
public record VmMoveAbandoned(String vmId, String migrationId, String reason, Instant abandonedAt) implements PublicEvent {
}
