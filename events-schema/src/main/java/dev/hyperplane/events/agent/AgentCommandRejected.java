package dev.hyperplane.events.agent;


/** The agent could not carry out a command; {@code reason} says why. */
public record AgentCommandRejected(String commandId, String hostId, String vmId, String reason)
        implements AgentAnswer {
}
