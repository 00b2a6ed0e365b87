package dev.hyperplane.events.agent;


import java.time.Instant;

/** The agent carried out a command (other than create-vm, which {@link VmStartedOnHost} answers). */
public record AgentCommandCompleted(String commandId, String hostId, String vmId, Instant completedAt)
        implements AgentAnswer {
}
