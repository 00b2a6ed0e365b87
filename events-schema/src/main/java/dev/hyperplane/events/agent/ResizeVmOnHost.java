package dev.hyperplane.events.agent;

import dev.hyperplane.events.MemoryPlan;

/**
 * Command to an agent: new processor count (VM off only) and memory settings (Set-VMMemory rules: while running,
 * only widening Dynamic Memory, or Runtime Memory Resize where host and guest support it).
 */
public record ResizeVmOnHost(String commandId, String hostId, String vmId, int vcpus, long memoryMb,
                             MemoryPlan memory) implements AgentCommand {
}
