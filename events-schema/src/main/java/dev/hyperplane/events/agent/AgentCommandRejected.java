package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

/** The agent could not carry out a command; {@code reason} says why. */
public record AgentCommandRejected(String commandId, String hostId, String vmId, String reason)
        implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
