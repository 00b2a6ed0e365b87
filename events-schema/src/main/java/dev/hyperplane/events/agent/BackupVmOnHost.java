package dev.hyperplane.events.agent;

/**
 * Command to an agent: take a backup checkpoint of a VM (through the guest's VSS when it can). Answered by {@link
 * AgentCommandCompleted} when BackupCompletedOnHost reports the checkpoint.
 */
public record BackupVmOnHost(String commandId, String hostId, String vmId) implements AgentCommand {
}
