package dev.hyperplane.events.agent;

/**
 * Command to the agent of a live migration's source host: end the VM's migration (cancelled, or past its deadline);
 * the VM runs on where it is. Answered by {@link AgentCommandCompleted} (also when no migration ran any more); the
 * migrate command itself is answered {@link AgentCommandRejected} with {@code reason}.
 */
public record CancelMigrationOnHost(String commandId, String hostId, String vmId, String reason)
        implements AgentCommand {
}
