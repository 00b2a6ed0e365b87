package dev.hyperplane.events.agent;

import dev.hyperplane.events.Nullable;

/**
 * The source's agent decided a live migration between agents, once: {@code commit} (the source let go of the VM;
 * the destination starts it and answers the migrate command {@link AgentCommandCompleted}) or {@code abort} (the
 * VM runs on its source; the destination lets go of whatever it holds for it). Sent until it is on the topic, so
 * it may arrive twice; a destination that never heard of the migration records the abort and refuses it later.
 */
public record EndIncomingMigration(String commandId, String hostId, String vmId, String migrationId,
                                   String sourceHostId, String outcome, @Nullable String reason)
        implements AgentCommand {
    public static final String COMMIT = "commit";
    public static final String ABORT = "abort";
}
