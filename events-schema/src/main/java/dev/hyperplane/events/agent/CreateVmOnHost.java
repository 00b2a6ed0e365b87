package dev.hyperplane.events.agent;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;

/**
 * Command to an agent: create the VM on the host and start it. The agent applies each {@code commandId} once
 * and answers with an agent event that carries the same {@code commandId}.
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
        MemoryPlan memory) implements AgentCommand {
}
