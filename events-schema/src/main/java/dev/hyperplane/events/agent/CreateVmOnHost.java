package dev.hyperplane.events.agent;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.OptionalField;

import java.util.List;

/**
 * Command to an agent: create the VM on the host and start it. The agent applies each {@code commandId} once
 * and answers with an agent event that carries the same {@code commandId}.
 *
 * @param disks the content to write to the VM's disks before its first start (a restore as a new VM); null: new,
 *              empty disks
 */
public record CreateVmOnHost(
        String commandId,
        String hostId,
        String vmId,
        String name,
        int vcpus,
        long memoryMb,
        GuestOs guestOs,
        int generation,
        boolean secureBoot,
        MemoryPlan memory,
        @OptionalField List<DiskContent> disks) implements AgentCommand {

    /** A VM with new, empty disks. */
    public CreateVmOnHost(String commandId, String hostId, String vmId, String name, int vcpus, long memoryMb,
                          GuestOs guestOs, int generation, boolean secureBoot, MemoryPlan memory) {
        this(commandId, hostId, vmId, name, vcpus, memoryMb, guestOs, generation, secureBoot, memory, null);
    }
}
