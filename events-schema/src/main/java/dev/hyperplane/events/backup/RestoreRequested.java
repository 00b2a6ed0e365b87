package dev.hyperplane.events.backup;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A restore point is to be restored: as a new VM (created through provisioning like any VM, so quota and placement
 * apply) or in place (the VM is turned off, its disks replaced and started again).
 *
 * @param sourceVmId the VM the restore point was taken of
 * @param vmId       the VM the restore writes: a new one for new-vm, the source VM for in-place
 * @param name       the VM's name (the new VM's for new-vm)
 * @param vcpus      the VM's spec as the restore point recorded it
 * @param memoryMb   startup memory
 * @param disks      the disks' content to write
 */
public record RestoreRequested(String restoreId, String restorePointId, String sourceVmId, String vmId,
        String tenantId, String mode, String name, int vcpus, long memoryMb, GuestOs guestOs, int generation,
        boolean secureBoot, MemoryPlan memory, List<DiskContent> disks, String requestedBy, Instant requestedAt)
        implements PublicEvent {

    /** A restore's events travel in order with the VM it writes. */
    @Override
    public String partitionKey() {
        return vmId;
    }
}
