package dev.hyperplane.events.agent;

/**
 * Second step of a live migration between agents, at the blackout: the VM is frozen on its source and
 * {@code vmState} is what the destination needs to run it. The destination accepts it into its reservation (it
 * holds the memory and the state, but does not run it yet) or refuses; answered by
 * {@link IncomingMigrationAnswered} (step {@code hand-off}).
 *
 * @param vmState the VM's state at the blackout as the engine hands it over (JSON, opaque to the control plane)
 */
public record HandOffMigration(String commandId, String hostId, String vmId, String migrationId,
                               String sourceHostId, String vmState) implements AgentCommand {
}
