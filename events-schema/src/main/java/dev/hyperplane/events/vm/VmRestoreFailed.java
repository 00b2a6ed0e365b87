package dev.hyperplane.events.vm;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Provisioning could not restore the VM: refused (quota, the VM busy or deleted) or failed on its host. An
 * in-place restore that failed on the host leaves the VM as the host reports it.
 *
 * @param state the VM's state after the failure; null when the VM does not exist (a new VM refused)
 */
public record VmRestoreFailed(String vmId, String tenantId, String restoreId, String reason, @Nullable String state,
        Instant failedAt) implements PublicEvent {
}
