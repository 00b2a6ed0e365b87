package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Someone asked to change a VM's power state or to delete it; the operation ends in
 * {@link VmOperationCompleted} or {@link VmOperationFailed}.
 *
 * @param action      start, stop, restart or delete
 * @param force       for stop: turn the VM off at once instead of asking the guest to shut down
 * @param requestedBy the token subject that asked (audit)
 */
public record VmOperationRequested(
        String vmId,
        String tenantId,
        String operationId,
        String action,
        boolean force,
        String requestedBy,
        Instant requestedAt) implements PublicEvent {
}
