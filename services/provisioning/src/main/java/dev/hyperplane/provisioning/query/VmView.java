package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.GuestOs;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A VM as its tenant sees it.
 *
 * @param state             Requested, Placed, Running, Stopped, Failed or Deleted; Lost (its host reports it
 *                          missing) or Unknown (its host is silent); while an operation runs
 *                          Starting, Stopping, Restarting, Resizing, Deleting, or Restoring (an in-place restore
 *                          from a backup)
 * @param memoryMb          startup memory
 * @param dynamicMemory     the Dynamic Memory range, null for static memory
 * @param antiAffinityGroup null, or the tenant's group whose VMs run on different hosts
 * @param migrationMode     how it may be moved between hosts: live, quick or none
 * @param haPriority        where it stands when its host fails: high, medium, low or off
 * @param onHost            the size its host last reported it runs with (null before the first report): within
 *                          the approved one while the memory balancer tunes it, larger only if changed on the
 *                          host behind the control plane's back (quota then counts it)
 * @param version           changes with every event of the VM (the ETag; If-Match takes it)
 */
@Schema(description = "A VM as its tenant sees it", example = """
        {"vmId": "3f9a7c1e-2b4d-4e6f-8a1b-5c7d9e0f1a2b", "tenantId": "acme", "name": "web-1", "vcpus": 2,
         "memoryMb": 4096, "dynamicMemory": {"minimumMb": 1024, "maximumMb": 8192},
         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS",
                     "catalogId": "ubuntu-20-04-lts-built-in"},
         "hostId": "host-03", "state": "Running", "failureReason": null, "antiAffinityGroup": "web",
         "migrationMode": "live", "haPriority": "medium",
         "onHost": {"vcpus": 2, "memoryMb": 4096, "maximumMb": 6144}, "version": 3,
         "createdAt": "2026-12-02T09:14:03.120Z", "updatedAt": "2026-12-02T09:14:05.870Z"}""")
public record VmView(String vmId, String tenantId, String name, int vcpus, long memoryMb,
                     DynamicMemory dynamicMemory, GuestOs guestOs, String hostId, String state,
                     String failureReason, String antiAffinityGroup, String migrationMode, String haPriority, HostSize onHost, long version,
                     Instant createdAt, Instant updatedAt) {

    public record DynamicMemory(long minimumMb, long maximumMb) {
    }

    /**
     * A VM's size as its host reports it.
     *
     * @param memoryMb  startup memory
     * @param maximumMb the Dynamic Memory maximum, null for static memory
     */
    public record HostSize(int vcpus, long memoryMb, Long maximumMb) {
    }
}
