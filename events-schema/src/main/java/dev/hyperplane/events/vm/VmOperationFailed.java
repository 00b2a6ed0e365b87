package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A start, stop, restart, resize or delete of the VM did not happen (the host refused it, or it did not finish
 * in time).
 *
 * @param state the state the VM is left in (as before the operation)
 */
public record VmOperationFailed(String vmId, String operationId, String action, String reason, String state,
                                Instant failedAt) implements PublicEvent {
}
