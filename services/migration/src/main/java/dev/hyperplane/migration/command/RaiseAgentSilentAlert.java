package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The host's agent has been silent for longer than HA waits: nothing can tell whether the host runs or fence it,
 * so an operator is told, once per silence (named by the agent's last heartbeat).
 */
public record RaiseAgentSilentAlert(@TargetAggregateIdentifier String hostId, String agentId, Instant lastHeartbeat,
                                    String reason) {
}
