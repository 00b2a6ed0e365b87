package dev.hyperplane.backup.domain;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;

/**
 * A VM's configuration as a backup keeps it with the disks (a Hyper-V backup holds the VM's configuration too): what
 * a restore as a new VM creates again.
 *
 * @param memoryMb startup memory
 */
public record VmConfig(int vcpus, long memoryMb, GuestOs guestOs, int generation, boolean secureBoot,
                       MemoryPlan memory) {

    /** The same VM after a resize: processors and memory change, the rest stays. */
    public VmConfig resized(int newVcpus, long newMemoryMb, MemoryPlan newMemory) {
        return new VmConfig(newVcpus, newMemoryMb, guestOs, generation, secureBoot, newMemory);
    }
}
