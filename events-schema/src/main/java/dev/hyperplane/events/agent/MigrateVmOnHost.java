package dev.hyperplane.events.agent;

/**
 * Command to the agent of the source host: live-migrate a running VM to another host of the same agent. Answered by
 * {@link AgentCommandCompleted} once the destination runs the VM (after VmMigratedOnHost), or {@link
 * AgentCommandRejected} (MigrationFailedOnHost says why a started migration ended).
 */
public record MigrateVmOnHost(String commandId, String hostId, String vmId,
        String destinationHostId) implements AgentCommand {
}
