package dev.hyperplane.events.agent;

import dev.hyperplane.events.DiskContent;

import java.util.List;

/**
 * Command to an agent: restore a VM in place. The host turns the VM off (discarding any saved state), writes the
 * disks' content and starts it. Answered by {@link AgentCommandCompleted} when the VM runs again, or
 * {@link AgentCommandRejected}.
 */
public record RestoreVmOnHost(String commandId, String hostId, String vmId, List<DiskContent> disks)
        implements AgentCommand {
}
