package dev.hyperplane.memory.domain;

/**
 * A policy change the fleet balancer suggests for a VM; the operator or tenant decides.
 *
 * @param kind    {@code raise-maximum} (the VM is capped by its maximum), {@code raise-startup} (a balloon-only
 *                guest is capped by its startup memory; needs a restart), {@code raise-weight} (it loses memory
 *                to other VMs under contention), {@code raise-buffer} (its demand grows faster than the buffer
 *                absorbs on a host with room), {@code lower-buffer} (a large buffer on a hot host)
 * @param setting the policy field concerned: maximumMb, startupMb, priority or bufferPercent
 */
public record Recommendation(String vmId, String hostId, String kind, String setting, long current, long suggested,
                             String reason) {
}
