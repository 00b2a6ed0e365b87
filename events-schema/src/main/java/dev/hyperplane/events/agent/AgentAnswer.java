package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

/** An agent's answer to the {@link AgentCommand} with the same {@code commandId}: done, or refused and why. */
public interface AgentAnswer extends PublicEvent {
    String commandId();

    String hostId();

    String vmId();
}
