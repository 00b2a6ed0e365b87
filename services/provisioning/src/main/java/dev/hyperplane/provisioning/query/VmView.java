package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.GuestOs;

import java.time.Instant;

/**
 * A VM as its tenant sees it.
 *
 * @param state             Requested, Placed, Running, Stopped, Failed or Deleted; while an operation runs
 *                          Starting, Stopping, Restarting, Resizing or Deleting
 * @param memoryMb          startup memory
 * @param dynamicMemory     the Dynamic Memory range, null for static memory
 * @param antiAffinityGroup null, or the tenant's group whose VMs run on different hosts
 * @param version           changes with every event of the VM (the ETag; If-Match takes it)
 */
public record VmView(String vmId, String tenantId, String name, int vcpus, long memoryMb,
                     DynamicMemory dynamicMemory, GuestOs guestOs, String hostId, String state,
                     String failureReason, String antiAffinityGroup, long version, Instant createdAt,
                     Instant updatedAt) {

    public record DynamicMemory(long minimumMb, long maximumMb) {
    }
}
