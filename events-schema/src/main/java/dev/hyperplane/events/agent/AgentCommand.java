package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

/** A command on {@code hyperplane.agent.commands}: the agent running {@code hostId} applies it once per id. */
public interface AgentCommand extends PublicEvent {
    String commandId();

    String hostId();

    String vmId();
}
