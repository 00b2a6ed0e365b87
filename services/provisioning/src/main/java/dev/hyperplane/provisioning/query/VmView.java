package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.GuestOs;

import java.time.Instant;

/**
 * A VM as its tenant sees it.
 *
 * @param state   Requested, Placed, Running or Failed
 * @param version changes with every event of the VM (the ETag)
 */
public record VmView(String vmId, String tenantId, String name, int vcpus, long memoryMb, GuestOs guestOs,
                     String hostId, String state, String failureReason, long version, Instant createdAt,
                     Instant updatedAt) {
}
