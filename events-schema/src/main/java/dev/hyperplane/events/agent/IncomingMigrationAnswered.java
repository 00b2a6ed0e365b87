package dev.hyperplane.events.agent;

import dev.hyperplane.events.Nullable;

/**
 * The destination's agent answers a step of a live migration between agents, on the source host's key:
 * {@code prepare} (memory held, or refused) or {@code hand-off} (the VM's state accepted, or refused).
 *
 * @param reason why it was refused; null when accepted
 */
public record IncomingMigrationAnswered(String commandId, String hostId, String vmId, String migrationId,
                                        String destinationHostId, String step, boolean accepted,
                                        @Nullable String reason) implements AgentCommand {
    public static final String PREPARE = "prepare";
    public static final String HAND_OFF = "hand-off";
}
