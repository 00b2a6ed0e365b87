package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Provisioning refused a migration of the VM: no destination passes the placement rules, or the VM cannot move
 * now.
 */
public record VmMoveRefused(String vmId, String migrationId, String reason, Instant refusedAt) implements PublicEvent {
}
