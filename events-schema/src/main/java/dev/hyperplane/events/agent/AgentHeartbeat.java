package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * An agent is alive and runs these hosts: published every few seconds whatever its hosts do. A host that falls
 * silent while its agent's heartbeats go on has failed (power loss, a partition); a host whose agent is silent is
 * unknown (the agent may only be restarting, and the host run on).
 */
public record AgentHeartbeat(String agentId, List<String> hostIds, Instant at) implements PublicEvent {
}
