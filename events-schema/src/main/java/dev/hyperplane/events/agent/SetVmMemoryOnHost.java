package dev.hyperplane.events.agent;

import dev.hyperplane.events.MemoryPlan;

/**
 * Command to an agent: apply a VM's memory policy (Set-VMMemory: startup, and the Dynamic Memory minimum, maximum,
 * buffer and weight). While the VM runs Hyper-V only lets the maximum rise, the minimum fall, and buffer and weight
 * change, unless host and guest support Runtime Memory Resize. Answered by {@link AgentCommandCompleted} with
 * VmSettingsChangedOnHost, or {@link AgentCommandRejected} with the reason.
 */
public record SetVmMemoryOnHost(String commandId, String hostId, String vmId, long startupMb,
        MemoryPlan memory) implements AgentCommand {
}
