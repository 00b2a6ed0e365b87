package dev.hyperplane.events.agent;

/**
 * First step of a live migration between hosts of two agents, from the source's agent to the destination's: hold
 * {@code memoryMb} for the VM if the host can run it. Answered by {@link IncomingMigrationAnswered} (step
 * {@code prepare}) on the source host's key. The same id again gets the same answer.
 *
 * @param migrationId the migrate command's id, which names the hand-off in every later message
 * @param vmSpec      the VM's definition as the engine holds it (JSON, opaque to the control plane)
 */
public record PrepareIncomingMigration(String commandId, String hostId, String vmId, String migrationId,
                                       String sourceHostId, long memoryMb, String vmSpec) implements AgentCommand {
}
