package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The control plane corrected what it believed about a VM after comparing it with what its host reports.
 *
 * @param correction {@code tear-down} (a Failed or Deleted VM a host runs is removed from it), {@code lost} (its
 *                   host reports it missing), {@code found} (a Lost or Unknown VM is back on its host), {@code state} (its host
 *                   runs it in another power state than recorded), {@code host} (it runs on another host than
 *                   recorded)
 * @param hostId     the host whose report caused the correction
 * @param state      the VM's state after the correction (Running, Stopped, Lost, Unknown when its host fell
 *                   silent, or unchanged for a tear-down)
 * @param reason     what was seen, for the VM's history
 */
public record VmReconciled(String vmId, String correction, String hostId, String state, String reason,
                           Instant reconciledAt) implements PublicEvent {
}
