package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A start, stop, restart, resize or delete of the VM succeeded.
 *
 * @param state the VM's state now: Running, Stopped or Deleted
 */
public record VmOperationCompleted(String vmId, String operationId, String action, String state,
                                   Instant completedAt) implements PublicEvent {
}
